package fr.ent.onde.imports.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.contracts.onde.OndePupil.Link;
import fr.ent.contracts.onde.OndeResponsable;
import fr.ent.contracts.onde.OndeStaff;
import fr.ent.contracts.onde.SchoolImportCompleted;
import fr.ent.contracts.onde.SchoolRemoved;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.onde.eligibility.Eligibility;
import fr.ent.onde.eligibility.PupilFacts;
import fr.ent.onde.eligibility.RejectionReason;
import fr.ent.onde.imports.publish.SchoolInput.Attributes;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * ONDE-4 for one school: what the school looks like in the state being imported (its eligible pupils in the rosters of
 * their classes, the responsables they are linked to, and its staff), compared with what was last published for it,
 * as the ordered list of events that turn the one into the other. Equal payloads give no event, so importing the same
 * export twice publishes nothing; a changed pupil or link republishes the roster the pupil is in, a changed
 * responsable only the responsable.
 *
 * <p>Who left is found in the rosters that changed or went: a pupil who was in an unchanged roster is still there,
 * so the cost follows the change. Rows kept by the one-event-per-pupil contract (kinds {@code pupil.v1} and
 * {@code responsable.v1}, before rosters) count as published too, and are forgotten when the school is next published;
 * so are the responsables named in rosters of {@code class.upserted.v2}, which carried their details.
 *
 * <p>Order within a school: the school, then staff, then responsables who appear or change, then the rosters that
 * appear or change (so that every responsable a roster links to is known first), pupils who left,
 * responsables no pupil links to any more, classes and staff that are gone, the school itself if it left ONDE, and
 * last the {@code import.school-completed} marker.
 */
final class SchoolDiff {

    static final String CLASS = "class";
    static final String STAFF = "staff";
    static final String RESPONSABLE = "responsable";
    /** Kinds of the contract before rosters, still read from what was published before (see {@link ChangePlan}). */
    static final String LEGACY_PUPIL = "pupil.v1";
    static final String LEGACY_RESPONSABLE = "responsable.v1";
    /** The school year of what is not dated by one (staff). */
    static final String UNDATED = "-";
    /**
     * The largest roster published, in bytes of JSON: under the Kafka producer's default request size (1 MiB). About
     * 3,000 pupils with their links to responsables; a primary class has at most about 30.
     */
    static final int MAX_ROSTER_BYTES = 1_000_000;

    private static final List<String> LEVELS = fr.ent.contracts.Levels.IN_SCHOOL_ORDER;
    private static final DateTimeFormatter ONDE_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String ORGANISATION_RELATION = "51";

    /** The changes, the pupils the eligibility rules reject, and what the removal brake and the marker need. */
    record Result(List<Change> changes, List<Rejected> rejected, SchoolImportCompleted.Counts counts, int pupilsBefore,
            int pupilsRemoved) {

        /** The events to publish (some changes are published state alone). */
        int events() {
            return (int) changes.stream().filter(Change::event).count();
        }
    }

    /** A pupil of the school that the eligibility rules (ONDE-2) reject, with every reason (ONDE-3). */
    record Rejected(String pupilId, String lastName, String firstName, String className, Set<RejectionReason> reasons) {
    }

    /**
     * An eligible pupil with the class they are in and how they are linked to responsables; or, in a scoped delta, a
     * pupil that the delta leaves as they are, with the entry of their class's published roster ({@code kept}, and
     * no attributes).
     */
    private record Placed(String classId, String className, String pupilId, Attributes attributes,
            List<Link> links, OndePupil kept) {
    }

    private final ObjectMapper json;
    private final SchoolYear year;
    private final String academyCode;

    SchoolDiff(ObjectMapper json, SchoolYear year, String academyCode) {
        this.json = json;
        this.year = year;
        this.academyCode = academyCode;
    }

    /** @param marker whether to end with the marker even when nothing changed (complete exports) */
    Result diff(SchoolInput in, UUID importId, boolean complete, boolean marker) {
        String schoolYear = year.toString();
        boolean present = in.school() != null;
        List<Placed> pupils = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        if (present) {
            Map<String, List<String>> linkedBy = linkedBy(in);
            for (Map.Entry<String, Attributes> pupil : new TreeMap<>(in.pupils()).entrySet()) {
                Placed eligible = pupil(in, pupil.getKey(), pupil.getValue(), linkedBy, rejected);
                if (eligible != null) {
                    pupils.add(eligible);
                }
            }
        }
        // A scoped delta's school: only the rosters of its affected classes and the responsables in scope are
        // compared; the pupils loaded for their links to those responsables are in rosters that stay as they are.
        SchoolInput.Scope scope = in.scope();
        Map<String, OndeResponsable> responsables = responsables(in, pupils);
        if (scope != null) {
            responsables.keySet().retainAll(scope.responsables());
            if (present) {
                pupils = withKept(in, pupils);
            }
        }
        Map<String, OndeClass> classes = classes(in, scope == null ? pupils
                : pupils.stream().filter(p -> scope.classes().contains(p.classId())).toList());
        Map<String, OndeStaff> staff = present ? staff(in) : Map.of();
        Set<String> pupilIds = new TreeSet<>();
        pupils.forEach(pupil -> pupilIds.add(pupil.pupilId()));

        List<Change> changes = new ArrayList<>();
        SchoolUpserted school = present ? school(in) : null;
        if (school != null && !school.equals(in.publishedSchool())) {
            changes.add(new Change(EventTypes.ONDE_SCHOOL_UPSERTED, in.uai(), write(school), null, null, null, in.joinKey()));
        }
        upserts(changes, in, STAFF, UNDATED, staff, EventTypes.ONDE_STAFF_UPSERTED);
        responsableUpserts(changes, in, responsables);

        // Rosters: those that changed are published; who was in them before (or in those that went) may have left.
        Map<String, String> publishedClasses = in.published(CLASS);
        Set<String> before = new TreeSet<>();
        Set<String> responsablesBefore = new TreeSet<>();
        in.published(RESPONSABLE).keySet().forEach(key -> responsablesBefore.add(entityId(key)));
        int pupilsBefore = scope == null ? 0 : scope.otherPupils();
        for (OndeClass roster : classes.values()) {
            String payload = write(roster);
            if (payload.length() > MAX_ROSTER_BYTES) {
                throw new IllegalStateException("class " + roster.classId() + " of school " + in.uai() + " holds "
                        + roster.pupils().size() + " eligible pupils, " + payload.length() + " bytes: more than a class "
                        + "event carries (" + MAX_ROSTER_BYTES + "); correct the class in ONDE");
            }
            String old = publishedClasses.get(SchoolInput.key(schoolYear, roster.classId()));
            if (payload.equals(old)) {
                pupilsBefore += roster.pupils().size();
            } else {
                changes.add(upsert(EventTypes.ONDE_CLASS_UPSERTED, CLASS, schoolYear, roster.classId(), payload));
                if (old != null) {
                    collect(old, before, responsablesBefore);
                }
            }
        }
        List<String> classesGone = new ArrayList<>();
        publishedClasses.forEach((key, old) -> {
            if (yearOf(key).equals(schoolYear) && !classes.containsKey(entityId(key))) {
                classesGone.add(entityId(key));
                collect(old, before, responsablesBefore);
            }
        }); // another year's classes are closed by the switchover, not removed by an import
        in.published(LEGACY_PUPIL).keySet().stream().filter(key -> yearOf(key).equals(schoolYear))
                .forEach(key -> before.add(entityId(key)));
        in.published(LEGACY_RESPONSABLE).keySet().forEach(key -> responsablesBefore.add(entityId(key)));
        pupilsBefore += before.size();

        int pupilsRemoved = 0;
        for (String id : before) {
            if (!pupilIds.contains(id)) {
                pupilsRemoved++;
                changes.add(event(EventTypes.ONDE_PUPIL_LEFT, id, new OndePupil.Left(in.uai(), schoolYear, id)));
            }
        }
        if (scope != null) {
            responsablesBefore.retainAll(scope.responsables());
        }
        for (String id : responsablesBefore) {
            if (!responsables.containsKey(id)) {
                changes.add(removal(EventTypes.ONDE_RESPONSABLE_REMOVED, RESPONSABLE, UNDATED, id,
                        write(new OndeResponsable.Removed(in.uai(), id))));
            }
        }
        for (String id : classesGone) {
            changes.add(removal(EventTypes.ONDE_CLASS_REMOVED, CLASS, schoolYear, id,
                    write(new OndeClass.Removed(in.uai(), schoolYear, id))));
        }
        for (String key : in.published(STAFF).keySet()) {
            String id = entityId(key);
            if (!staff.containsKey(id)) {
                changes.add(removal(EventTypes.ONDE_STAFF_REMOVED, STAFF, UNDATED, id,
                        write(new OndeStaff.Removed(in.uai(), id))));
            }
        }
        if (!present && in.publishedSchool() != null) {
            changes.add(new Change(EventTypes.ONDE_SCHOOL_REMOVED, in.uai(), write(new SchoolRemoved(in.uai())), null,
                    null, null, null));
        }
        int events = (int) changes.stream().filter(Change::event).count();
        SchoolImportCompleted.Counts counts;
        if (scope == null) {
            counts = new SchoolImportCompleted.Counts(pupils.size(), rejected.size(), classes.size(),
                    responsables.size(), staff.size(), events);
        } else {
            // The other rosters and responsables stand as published; the earlier rejections not judged again too.
            int inRosters = scope.otherPupils();
            for (OndeClass roster : classes.values()) {
                inRosters += roster.pupils().size();
            }
            int otherResponsables = 0;
            for (String key : in.published(RESPONSABLE).keySet()) {
                if (!scope.responsables().contains(entityId(key))) {
                    otherResponsables++;
                }
            }
            rejected.addAll(scope.carried());
            counts = new SchoolImportCompleted.Counts(inRosters, rejected.size(), scope.otherClasses() + classes.size(),
                    otherResponsables + responsables.size(), staff.size(), events);
        }
        if (marker || !changes.isEmpty()) {
            changes.add(new Change(EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED, in.uai(),
                    write(new SchoolImportCompleted(importId, in.uai(), schoolYear, complete, counts)), null, null, null,
                    null));
        }
        return new Result(changes, rejected, counts, pupilsBefore, pupilsRemoved);
    }

    /**
     * The pupils and responsables of a roster as published before (none in a class of the contract before rosters;
     * in a roster of {@code class.upserted.v2}, responsables who were published only there).
     */
    private void collect(String published, Set<String> pupils, Set<String> responsables) {
        OndeClass roster = read(published, OndeClass.class);
        if (roster.pupils() != null) {
            for (OndePupil pupil : roster.pupils()) {
                pupils.add(pupil.pupilId());
                pupil.responsables().forEach(r -> responsables.add(r.responsableId()));
            }
        }
    }

    /** Pupil id → the responsables who name that pupil among theirs (ENTPersRelEleveEleve). */
    private static Map<String, List<String>> linkedBy(SchoolInput in) {
        Map<String, List<String>> linkedBy = new java.util.HashMap<>();
        in.responsables().forEach((responsableId, r) -> r.all("ENTPersRelEleveEleve").forEach(
                pupilId -> linkedBy.computeIfAbsent(pupilId, k -> new ArrayList<>()).add(responsableId)));
        return linkedBy;
    }

    /**
     * The pupil's place, or null when the eligibility rules (ONDE-2) reject them (then added to rejected).
     *
     * @param linkedBy the responsables who name each pupil among theirs
     */
    private Placed pupil(SchoolInput in, String id, Attributes a, Map<String, List<String>> linkedBy,
            List<Rejected> rejected) {
        String classValue = classValue(a.all("ENTPersonClasses"), in.joinKey());
        PupilFacts facts = PupilFacts.fromOnde(a::first, a::all, in.responsables()::containsKey);
        Set<RejectionReason> reasons = Eligibility.rejections(facts, year);
        if (!reasons.isEmpty()) {
            String[] fields = classValue == null ? new String[0] : classValue.split("\\$");
            rejected.add(new Rejected(id, a.first("ENTPersonNom"), a.first("ENTPersonPrenom"),
                    fields.length >= 3 ? fields[2] : null, reasons));
            return null;
        }
        Map<String, Link> links = new TreeMap<>();
        for (String value : a.all("ENTEleveAutoriteParentale")) {
            String[] fields = value.split("\\$");
            if (in.responsables().containsKey(fields[0])) {
                links.put(fields[0], new Link(fields[0], fields.length > 1 ? fields[1] : null, true));
            }
        }
        for (String responsableId : linkedBy.getOrDefault(id, List.of())) {
            links.putIfAbsent(responsableId, new Link(responsableId, null, false));
        }
        String[] classFields = classValue.split("\\$");
        return new Placed(classFields[1], classFields[2], id, a, List.copyOf(links.values()), null);
    }

    /**
     * The loaded pupils and, in the order of their ids as a whole school's are, the kept ones (see
     * {@link SchoolInput.Scope#kept}) with their entry of the roster published for their class. A kept pupil who is
     * in no published roster was not eligible, and is not now: nothing of theirs changed. Kept pupils are linked only
     * to responsables out of scope, so the responsables are found from the loaded pupils alone, before this.
     */
    private List<Placed> withKept(SchoolInput in, List<Placed> loaded) {
        Map<String, SchoolInput.Place> kept = in.scope().kept();
        if (kept.isEmpty()) {
            return loaded;
        }
        Map<String, Placed> byId = new TreeMap<>();
        loaded.forEach(p -> byId.put(p.pupilId(), p));
        String schoolYear = year.toString();
        for (String classId : in.scope().classes()) {
            String published = in.published(CLASS).get(SchoolInput.key(schoolYear, classId));
            if (published == null) {
                continue;
            }
            OndeClass roster = read(published, OndeClass.class);
            for (OndePupil pupil : roster.pupils() == null ? List.<OndePupil>of() : roster.pupils()) {
                SchoolInput.Place place = kept.get(pupil.pupilId());
                if (place != null && place.classId().equals(classId) && !byId.containsKey(pupil.pupilId())) {
                    byId.put(pupil.pupilId(), new Placed(classId, place.className(), pupil.pupilId(), null,
                            pupil.responsables(), pupil));
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * The value of ENTPersonClasses (joinKey$classId$className) that places the pupil: the school's, else the first
     * complete one; null when none is.
     */
    private static String classValue(List<String> values, String joinKey) {
        String classValue = null;
        for (String value : values) {
            String[] fields = value.split("\\$");
            if (fields.length >= 3 && (classValue == null || fields[0].equals(joinKey))) {
                classValue = value;
            }
        }
        return classValue;
    }

    /** The id of the class these ENTPersonClasses values place a pupil in, at the school of that join key. */
    static String classOf(List<String> values, String joinKey) {
        String[] place = placeOf(values, joinKey);
        return place == null ? null : place[1];
    }

    /** The fields (join key, class id, class name, …) of the ENTPersonClasses value that places a pupil; or null. */
    static String[] placeOf(List<String> values, String joinKey) {
        String value = classValue(values, joinKey);
        return value == null ? null : value.split("\\$");
    }

    /**
     * The responsables the school's eligible pupils are linked to, by id; one is an organisation when one of their links
     * to a pupil of the school says so.
     */
    private Map<String, OndeResponsable> responsables(SchoolInput in, List<Placed> pupils) {
        Set<String> organisations = new TreeSet<>();
        Set<String> linked = new TreeSet<>();
        for (Placed pupil : pupils) {
            for (Link link : pupil.links()) {
                linked.add(link.responsableId());
                if (ORGANISATION_RELATION.equals(link.relationCode())) {
                    organisations.add(link.responsableId());
                }
            }
        }
        Map<String, OndeResponsable> responsables = new TreeMap<>();
        for (String id : linked) {
            Attributes r = in.responsables().get(id);
            responsables.put(id, new OndeResponsable(id, organisations.contains(id)
                    ? OndeResponsable.ORGANISATION : OndeResponsable.PERSON, r.first("ENTPersonCivilite"),
                    r.first("ENTPersonNom"), r.first("ENTPersonPrenom"), r.first("ENTPersonMail"),
                    r.first("ENTPersonTelPerso"), r.first("ENTPersRelEleveTelMobile"), r.first("ENTPersRelEleveTelPro")));
        }
        return responsables;
    }

    /** The rosters: classes by id, each with its pupils by id and how they are linked to responsables. */
    private Map<String, OndeClass> classes(SchoolInput in, List<Placed> pupils) {
        Comparator<String> schoolOrder = Comparator.comparingInt((String l) -> {
            int index = LEVELS.indexOf(l);
            return index < 0 ? LEVELS.size() : index;
        }).thenComparing(Comparator.naturalOrder());
        Map<String, List<Placed>> byClass = new TreeMap<>();
        pupils.forEach(pupil -> byClass.computeIfAbsent(pupil.classId(), c -> new ArrayList<>()).add(pupil));
        Map<String, OndeClass> classes = new TreeMap<>();
        byClass.forEach((classId, members) -> {
            TreeSet<String> levels = new TreeSet<>(schoolOrder);
            List<OndePupil> roster = new ArrayList<>(members.size());
            for (Placed p : members) {
                Attributes a = p.attributes();
                OndePupil entry = p.kept() != null ? p.kept() : new OndePupil(p.pupilId(), a.first("ENTEleveINE"),
                        a.first("ENTPersonPrenom"), a.first("ENTPersonNom"), isoDate(a.first("ENTPersonDateNaissance")),
                        a.first("ENTEleveNiveau"), p.links());
                if (entry.level() != null) {
                    levels.add(entry.level());
                }
                roster.add(entry);
            }
            classes.put(classId, new OndeClass(in.uai(), year.toString(), classId, members.get(0).className(),
                    List.copyOf(levels), roster));
        });
        return classes;
    }

    private Map<String, OndeStaff> staff(SchoolInput in) {
        Map<String, OndeStaff> staff = new TreeMap<>();
        in.staff().forEach((id, s) -> {
            boolean teacher = s.first("ENTPersonCategorieEnseignant") != null || s.all("ENTPersonFonctions").stream()
                    .anyMatch(f -> f.startsWith(in.joinKey() + "$ENS"));
            boolean director = s.all("ENTEnsFonctionDir").contains(in.joinKey());
            staff.put(id, new OndeStaff(in.uai(), id, s.first("ENTPersonCivilite"), s.first("ENTPersonNom"),
                    s.first("ENTPersonPrenom"), s.first("ENTPersonMail"), teacher, director));
        });
        return staff;
    }

    private SchoolUpserted school(SchoolInput in) {
        Attributes s = in.school();
        String code = Objects.requireNonNullElse(s.first("ENTServAcCodeAcademie"), academyCode);
        boolean departmental = in.publishedSchool() != null && in.publishedSchool().departmental();
        return new SchoolUpserted(in.uai(), s.first("ENTStructureNomCourant"), s.first("ENTStructureTypeStruct"), code,
                s.first("ENTServAcAcademie"), s.first("ENTStructureVille"), s.first("ENTEcoleCirconscription"),
                departmental);
    }

    /**
     * The responsables who appear or changed, in events of at most {@link OndeResponsable#PER_EVENT}, each event
     * followed by the published state of the responsables it carries.
     */
    private void responsableUpserts(List<Change> changes, SchoolInput in, Map<String, OndeResponsable> responsables) {
        Map<String, String> published = in.published(RESPONSABLE);
        List<OndeResponsable> changed = new ArrayList<>();
        List<Change> states = new ArrayList<>();
        responsables.forEach((id, responsable) -> {
            String payload = write(responsable);
            if (!payload.equals(published.get(SchoolInput.key(UNDATED, id)))) {
                changed.add(responsable);
                states.add(Change.stateOnly(RESPONSABLE, UNDATED, id, payload));
            }
        });
        for (int from = 0; from < changed.size(); from += OndeResponsable.PER_EVENT) {
            int to = Math.min(changed.size(), from + OndeResponsable.PER_EVENT);
            changes.add(new Change(EventTypes.ONDE_RESPONSABLES_UPSERTED, in.uai(),
                    write(new OndeResponsable.Upserted(in.uai(), changed.subList(from, to))), null, null, null, null));
            changes.addAll(states.subList(from, to));
        }
    }

    private <T> void upserts(List<Change> changes, SchoolInput in, String kind, String schoolYear, Map<String, T> now,
            String type) {
        Map<String, String> published = in.published(kind);
        now.forEach((id, entity) -> {
            String payload = write(entity);
            if (!payload.equals(published.get(SchoolInput.key(schoolYear, id)))) {
                changes.add(upsert(type, kind, schoolYear, id, payload));
            }
        });
    }

    private static Change upsert(String type, String kind, String schoolYear, String id, String payload) {
        return new Change(type, id, payload, kind, schoolYear, id, payload);
    }

    private static Change removal(String type, String kind, String schoolYear, String id, String payload) {
        return new Change(type, id, payload, kind, schoolYear, id, null);
    }

    /** An event that leaves no published state of its own. */
    private Change event(String type, String subject, Object payload) {
        return new Change(type, subject, write(payload), null, null, null, null);
    }

    private static String yearOf(String key) {
        return key.substring(0, key.indexOf('|'));
    }

    private static String entityId(String key) {
        return key.substring(key.indexOf('|') + 1);
    }

    private static String isoDate(String ondeDate) {
        try {
            return ondeDate == null ? null : LocalDate.parse(ondeDate, ONDE_DATE).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + payload, e);
        }
    }

    private <T> T read(String payload, Class<T> type) {
        try {
            return json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not read a published " + type.getSimpleName() + ": " + payload, e);
        }
    }
}
