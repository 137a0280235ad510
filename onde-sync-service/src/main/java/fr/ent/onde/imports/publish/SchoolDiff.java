package fr.ent.onde.imports.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
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
 * ONDE-4 for one school: what the school looks like in the state being imported (its eligible pupils, their classes,
 * responsables and staff), compared with what was last published for it, as the ordered list of events that turn
 * the one into the other. Equal payloads give no event, so importing the same export twice publishes nothing.
 *
 * <p>Order within a school: the school, then classes, staff and responsables that appear or change (so that pupils
 * never refer to something unknown), pupils enrolled, moved and updated, pupils who left, then responsables, classes
 * and staff that are gone, the school itself if it left ONDE, and last the {@code import.school-completed} marker.
 */
final class SchoolDiff {

    static final String CLASS = "class";
    static final String PUPIL = "pupil";
    static final String RESPONSABLE = "responsable";
    static final String STAFF = "staff";
    /** The school year of what is not dated by one (responsables, staff). */
    static final String UNDATED = "-";

    private static final List<String> LEVELS = fr.ent.contracts.Levels.IN_SCHOOL_ORDER;
    private static final DateTimeFormatter ONDE_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final String ORGANISATION_RELATION = "51";

    /** The changes, the pupils the eligibility rules reject, and what the removal brake and the marker need. */
    record Result(List<Change> changes, List<Rejected> rejected, SchoolImportCompleted.Counts counts, int pupilsBefore,
            int pupilsRemoved) {
    }

    /** A pupil of the school that the eligibility rules (ONDE-2) reject, with every reason (ONDE-3). */
    record Rejected(String pupilId, String lastName, String firstName, String className, Set<RejectionReason> reasons) {
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
        Map<String, OndePupil> pupils = new TreeMap<>();
        List<Rejected> rejected = new ArrayList<>();
        if (present) {
            for (Map.Entry<String, Attributes> pupil : new TreeMap<>(in.pupils()).entrySet()) {
                OndePupil eligible = pupil(in, pupil.getKey(), pupil.getValue(), rejected);
                if (eligible != null) {
                    pupils.put(pupil.getKey(), eligible);
                }
            }
        }
        Map<String, OndeClass> classes = present ? classes(in, pupils.values()) : Map.of();
        Map<String, OndeResponsable> responsables = present ? responsables(in, pupils.values()) : Map.of();
        Map<String, OndeStaff> staff = present ? staff(in) : Map.of();

        List<Change> changes = new ArrayList<>();
        SchoolUpserted school = present ? school(in) : null;
        if (school != null && !school.equals(in.publishedSchool())) {
            changes.add(new Change(EventTypes.ONDE_SCHOOL_UPSERTED, in.uai(), write(school), null, null, null, in.joinKey()));
        }
        upserts(changes, in, CLASS, schoolYear, classes, EventTypes.ONDE_CLASS_UPSERTED);
        upserts(changes, in, STAFF, UNDATED, staff, EventTypes.ONDE_STAFF_UPSERTED);
        upserts(changes, in, RESPONSABLE, UNDATED, responsables, EventTypes.ONDE_RESPONSABLE_UPSERTED);
        Map<String, String> publishedPupils = in.published(PUPIL);
        for (OndePupil pupil : pupils.values()) {
            String key = SchoolInput.key(schoolYear, pupil.pupilId());
            String payload = write(pupil);
            String before = publishedPupils.get(key);
            if (before == null) {
                changes.add(upsert(EventTypes.ONDE_PUPIL_ENROLLED, PUPIL, schoolYear, pupil.pupilId(), payload));
            } else if (!before.equals(payload)) {
                OndePupil old = read(before, OndePupil.class);
                if (!old.classId().equals(pupil.classId())) {
                    OndePupil.ClassChanged moved = new OndePupil.ClassChanged(in.uai(), schoolYear, pupil.pupilId(),
                            old.classId(), pupil.classId());
                    changes.add(upsert(EventTypes.ONDE_PUPIL_CLASS_CHANGED, PUPIL, schoolYear, pupil.pupilId(),
                            write(moved)).withState(withClass(old, pupil.classId())));
                }
                if (!withClass(old, pupil.classId()).equals(payload)) {
                    changes.add(upsert(EventTypes.ONDE_PUPIL_UPDATED, PUPIL, schoolYear, pupil.pupilId(), payload));
                }
            }
        }
        int pupilsBefore = 0;
        int pupilsRemoved = 0;
        for (String key : publishedPupils.keySet()) {
            String id = entityId(key);
            if (yearOf(key).equals(schoolYear)) {
                pupilsBefore++;
                if (!pupils.containsKey(id)) {
                    pupilsRemoved++;
                    changes.add(removal(EventTypes.ONDE_PUPIL_LEFT, PUPIL, schoolYear, id,
                            write(new OndePupil.Left(in.uai(), schoolYear, id))));
                }
            }
        }
        removals(changes, in, RESPONSABLE, responsables, id -> new OndeResponsable.Removed(in.uai(), id),
                EventTypes.ONDE_RESPONSABLE_REMOVED);
        removals(changes, in, CLASS, classes, id -> new OndeClass.Removed(in.uai(), schoolYear, id),
                EventTypes.ONDE_CLASS_REMOVED);
        removals(changes, in, STAFF, staff, id -> new OndeStaff.Removed(in.uai(), id), EventTypes.ONDE_STAFF_REMOVED);
        if (!present && in.publishedSchool() != null) {
            changes.add(new Change(EventTypes.ONDE_SCHOOL_REMOVED, in.uai(), write(new SchoolRemoved(in.uai())), null,
                    null, null, null));
        }
        SchoolImportCompleted.Counts counts = new SchoolImportCompleted.Counts(pupils.size(), rejected.size(), classes.size(),
                responsables.size(), staff.size(), changes.size());
        if (marker || !changes.isEmpty()) {
            changes.add(new Change(EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED, in.uai(),
                    write(new SchoolImportCompleted(importId, in.uai(), schoolYear, complete, counts)), null, null, null,
                    null));
        }
        return new Result(changes, rejected, counts, pupilsBefore, pupilsRemoved);
    }

    /** The pupil as published, or null when the eligibility rules (ONDE-2) reject them (then added to rejected). */
    private OndePupil pupil(SchoolInput in, String id, Attributes a, List<Rejected> rejected) {
        String classValue = null;
        List<String> classIds = new ArrayList<>();
        for (String value : a.all("ENTPersonClasses")) {
            String[] fields = value.split("\\$");
            if (fields.length >= 3) {
                classIds.add(fields[1]);
                if (classValue == null || fields[0].equals(in.joinKey())) {
                    classValue = value;
                }
            }
        }
        Map<String, OndePupil.Link> links = new TreeMap<>();
        for (String value : a.all("ENTEleveAutoriteParentale")) {
            String[] fields = value.split("\\$");
            if (in.responsables().containsKey(fields[0])) {
                links.put(fields[0], new OndePupil.Link(fields[0], fields.length > 1 ? fields[1] : null, true));
            }
        }
        PupilFacts facts = new PupilFacts(a.first("ENTEleveINE"), a.first("ENTEleveStatutAdmission"), classIds,
                a.first("ENTEleveAnneeScolaire"), List.copyOf(links.keySet()));
        Set<RejectionReason> reasons = Eligibility.rejections(facts, year);
        if (!reasons.isEmpty()) {
            String[] fields = classValue == null ? new String[0] : classValue.split("\\$");
            rejected.add(new Rejected(id, a.first("ENTPersonNom"), a.first("ENTPersonPrenom"),
                    fields.length >= 3 ? fields[2] : null, reasons));
            return null;
        }
        in.responsables().forEach((responsableId, r) -> {
            if (!links.containsKey(responsableId) && r.all("ENTPersRelEleveEleve").contains(id)) {
                links.put(responsableId, new OndePupil.Link(responsableId, null, false));
            }
        });
        String[] classFields = classValue.split("\\$");
        return new OndePupil(in.uai(), year.toString(), id, a.first("ENTEleveINE"), a.first("ENTPersonPrenom"),
                a.first("ENTPersonNom"), isoDate(a.first("ENTPersonDateNaissance")), classFields[1],
                a.first("ENTEleveNiveau"), List.copyOf(links.values()));
    }

    private Map<String, OndeClass> classes(SchoolInput in, Iterable<OndePupil> pupils) {
        Map<String, String> names = new TreeMap<>();
        Map<String, TreeSet<String>> levels = new TreeMap<>();
        Comparator<String> schoolOrder = Comparator.comparingInt((String l) -> {
            int index = LEVELS.indexOf(l);
            return index < 0 ? LEVELS.size() : index;
        }).thenComparing(Comparator.naturalOrder());
        for (OndePupil pupil : pupils) {
            names.computeIfAbsent(pupil.classId(), c -> className(in.pupils().get(pupil.pupilId()), c));
            TreeSet<String> classLevels = levels.computeIfAbsent(pupil.classId(), c -> new TreeSet<>(schoolOrder));
            if (pupil.level() != null) {
                classLevels.add(pupil.level());
            }
        }
        Map<String, OndeClass> classes = new TreeMap<>();
        names.forEach((id, name) -> classes.put(id, new OndeClass(in.uai(), year.toString(), id, name,
                List.copyOf(levels.get(id)))));
        return classes;
    }

    private static String className(Attributes pupil, String classId) {
        for (String value : pupil.all("ENTPersonClasses")) {
            String[] fields = value.split("\\$");
            if (fields.length >= 3 && fields[1].equals(classId)) {
                return fields[2];
            }
        }
        return null;
    }

    /** Responsables of at least one eligible pupil of the school, with those pupils. */
    private Map<String, OndeResponsable> responsables(SchoolInput in, Iterable<OndePupil> pupils) {
        Map<String, List<OndeResponsable.Child>> children = new TreeMap<>();
        for (OndePupil pupil : pupils) {
            for (OndePupil.Link link : pupil.responsables()) {
                children.computeIfAbsent(link.responsableId(), r -> new ArrayList<>())
                        .add(new OndeResponsable.Child(pupil.pupilId(), link.relationCode(), link.parentalAuthority()));
            }
        }
        Map<String, OndeResponsable> responsables = new TreeMap<>();
        children.forEach((id, kids) -> {
            Attributes r = in.responsables().get(id);
            boolean organisation = kids.stream().anyMatch(k -> ORGANISATION_RELATION.equals(k.relationCode()));
            responsables.put(id, new OndeResponsable(in.uai(), id,
                    organisation ? OndeResponsable.ORGANISATION : OndeResponsable.PERSON, r.first("ENTPersonCivilite"),
                    r.first("ENTPersonNom"), r.first("ENTPersonPrenom"), r.first("ENTPersonMail"),
                    r.first("ENTPersonTelPerso"), r.first("ENTPersRelEleveTelMobile"), r.first("ENTPersRelEleveTelPro"),
                    List.copyOf(kids)));
        });
        return responsables;
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

    private <T> void removals(List<Change> changes, SchoolInput in, String kind, Map<String, T> now,
            java.util.function.Function<String, Object> removed, String type) {
        for (String key : in.published(kind).keySet()) {
            String schoolYear = yearOf(key);
            boolean dated = !UNDATED.equals(schoolYear);
            if (dated && !schoolYear.equals(year.toString())) {
                continue; // another year's classes are closed by the switchover, not removed by an import
            }
            String id = entityId(key);
            if (!now.containsKey(id)) {
                changes.add(removal(type, kind, schoolYear, id, write(removed.apply(id))));
            }
        }
    }

    private static Change upsert(String type, String kind, String schoolYear, String id, String payload) {
        return new Change(type, id, payload, kind, schoolYear, id, payload);
    }

    private static Change removal(String type, String kind, String schoolYear, String id, String payload) {
        return new Change(type, id, payload, kind, schoolYear, id, null);
    }

    private String withClass(OndePupil old, String classId) {
        return write(new OndePupil(old.uai(), old.schoolYear(), old.pupilId(), old.ine(), old.firstName(),
                old.lastName(), old.birthDate(), classId, old.level(), old.responsables()));
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
