package fr.ent.content.retention;

import static fr.ent.content.retention.Fate.ARCHIVE;
import static fr.ent.content.retention.Fate.DELETE;
import static fr.ent.content.retention.Fate.KEEP;
import static fr.ent.content.retention.SpaceKind.CLASS;
import static fr.ent.content.retention.SpaceKind.CLASS_PARTNERSHIP;
import static fr.ent.content.retention.SpaceKind.DEPARTMENTAL_PARTNERSHIP;
import static fr.ent.content.retention.SpaceKind.PERSONAL;
import static fr.ent.content.retention.SpaceKind.SCHOOL;
import static fr.ent.content.retention.SpaceKind.TOWN;
import static fr.ent.content.retention.SpaceKind.WORK_GROUP;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.EnumSet;

/**
 * CNT-1: the fate of every application's content in every kind of space at the switchover, declared once, as
 * data. An application absent from a space kind has no such space. Partnerships with an école départementale
 * are kept whole wherever an application has partnership spaces.
 */
public final class RetentionMatrix {

    private static final Map<Application, Map<SpaceKind, Fate>> MATRIX = new EnumMap<>(Application.class);
    /** Archived for the teacher who created them only (the notice: "those the teacher created"), not every teacher. */
    private static final Set<Application> CREATOR_ONLY = EnumSet.of(Application.CONCOURS_SCOLAIRE, Application.GPS);

    static {
        rule(Application.MESSAGERIE, PERSONAL, KEEP);
        rule(Application.PROFIL, PERSONAL, KEEP);
        rule(Application.MEDIATHEQUE, PERSONAL, KEEP);
        rule(Application.MEDIATHEQUE, CLASS, ARCHIVE);
        rule(Application.MEDIATHEQUE, WORK_GROUP, DELETE);
        rule(Application.MEDIATHEQUE, CLASS_PARTNERSHIP, DELETE);
        rule(Application.MEDIATHEQUE, SCHOOL, KEEP);
        rule(Application.MEDIATHEQUE, TOWN, KEEP);
        classColumn(Application.MINISITE, DELETE);
        rule(Application.MINISITE, SCHOOL, KEEP);
        rule(Application.MINISITE, TOWN, KEEP);
        classColumn(Application.BLOG, ARCHIVE);
        rule(Application.BLOG, SCHOOL, KEEP);
        classColumn(Application.CONCOURS_SCOLAIRE, ARCHIVE);
        classColumn(Application.CAHIER_DE_TEXTES, DELETE);
        classColumn(Application.CAHIER_DE_LIAISON, DELETE);
        rule(Application.CAHIER_DE_LIAISON, SCHOOL, KEEP);
        rule(Application.AGENDA, PERSONAL, KEEP);
        classColumn(Application.AGENDA, DELETE);
        rule(Application.AGENDA, SCHOOL, KEEP);
        classColumn(Application.GPS, ARCHIVE);
        classColumn(Application.MOTEUR_DE_RECHERCHE, DELETE);
        rule(Application.PORTAIL_DE_LA_COMMUNE, TOWN, KEEP);
        MATRIX.values().forEach(fates -> {
            if (fates.containsKey(CLASS_PARTNERSHIP)) {
                fates.put(DEPARTMENTAL_PARTNERSHIP, KEEP);
            }
        });
    }

    private RetentionMatrix() {
    }

    /** The fate of an application's content in a space kind; empty where the application has no such space. */
    public static Optional<Fate> fate(Application application, SpaceKind space) {
        return Optional.ofNullable(MATRIX.getOrDefault(application, Map.of()).get(space));
    }

    /** Whether an archived item goes to its creator only, rather than to every teacher of its space. */
    public static boolean creatorOnly(Application application) {
        return CREATOR_ONLY.contains(application);
    }

    /** The applications whose content has this fate in this space kind. */
    public static Set<Application> withFate(SpaceKind space, Fate fate) {
        Set<Application> applications = EnumSet.noneOf(Application.class);
        MATRIX.forEach((application, fates) -> {
            if (fates.get(space) == fate) {
                applications.add(application);
            }
        });
        return applications;
    }

    public static Map<Application, Map<SpaceKind, Fate>> asMap() {
        return Collections.unmodifiableMap(MATRIX);
    }

    /** The notice's column "class / group / class partnership". */
    private static void classColumn(Application application, Fate fate) {
        rule(application, CLASS, fate);
        rule(application, WORK_GROUP, fate);
        rule(application, CLASS_PARTNERSHIP, fate);
    }

    private static void rule(Application application, SpaceKind space, Fate fate) {
        MATRIX.computeIfAbsent(application, a -> new EnumMap<>(SpaceKind.class)).put(space, fate);
    }
}
