package fr.ent.onde.imports.check;

import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.Uai;
import fr.ent.onde.aaf.AafEntry;
import fr.ent.onde.aaf.AafFormatException;
import fr.ent.onde.aaf.AafReader;
import fr.ent.onde.aaf.ExportArchive;
import fr.ent.onde.aaf.ExportArchive.Part;
import fr.ent.onde.eligibility.Eligibility;
import fr.ent.onde.eligibility.PupilFacts;
import fr.ent.onde.eligibility.RejectionReason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamException;

/**
 * Reads a whole export once and decides whether it can be applied (ONDE-5): every file well-formed and complete,
 * every mandatory attribute there, every reference to a school known. Judges each new pupil by the eligibility
 * rules (ONDE-2) on the way and counts the rejected ones. Only ids and per-school counts are kept in memory.
 */
public final class ExportCheck {

    /** Where the check reports what it finds, as it goes. */
    public interface Listener {
        void fileStarted(Part part, int index);

        void progress(long entitiesRead, long bytesDone);

        /** An entry that passed the check, to be applied if the whole export does. */
        void accepted(Part part, AafEntry entry);
    }

    public record SchoolCounts(String uai, int pupils, int rejected, int classes, int staff) {
    }

    /** @param laterYearPupils pupils of a school year after the académie's current one (its switchover is to come) */
    public record Result(List<SchoolCounts> schools, long pupils, long laterYearPupils) {
    }

    private static final int PROGRESS_EVERY = 1000;
    /**
     * Progress within a file is reported at most this often: each report is a transaction on the import's row, and
     * reported every 1,000 entities a whole académie's read made 575 of them, 40 a second.
     */
    private static final long PROGRESS_NANOS = 500_000_000L;

    private final String academyCode;
    private final SchoolYear currentYear;
    private final Map<String, String> knownSchools;
    private final int maxValueLength;
    private final Map<String, String> schools = new HashMap<>();
    private final Set<String> responsables = new HashSet<>();
    private final Map<String, Counter> counters = new TreeMap<>();
    private long entities;
    private long bytesBefore;
    private long reported = System.nanoTime() - PROGRESS_NANOS;
    private long pupils;
    private long laterYearPupils;

    /**
     * @param academyCode the académie this service imports for: a school of another one refuses the whole export
     * @param knownSchools join key → UAI of the schools imported before, to which a delta may refer
     */
    public ExportCheck(String academyCode, SchoolYear currentYear, Map<String, String> knownSchools, int maxValueLength) {
        this.academyCode = academyCode;
        this.currentYear = currentYear;
        this.knownSchools = knownSchools;
        this.maxValueLength = maxValueLength;
    }

    public Result run(ExportArchive archive, Listener listener) throws AafFormatException, IOException {
        List<Part> parts = archive.parts();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            listener.fileStarted(part, i);
            try (InputStream in = archive.open(part); AafReader reader = AafReader.open(in, part.name(), maxValueLength)) {
                for (Optional<AafEntry> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                    check(part, entry.get());
                    listener.accepted(part, entry.get());
                    if (++entities % PROGRESS_EVERY == 0 && System.nanoTime() - reported >= PROGRESS_NANOS) {
                        listener.progress(entities, bytesBefore);
                        reported = System.nanoTime();
                    }
                }
            } catch (XMLStreamException e) {
                throw new AafFormatException(part.name(), 0, null, "could not close: " + e.getMessage());
            }
            bytesBefore += part.size();
            listener.progress(entities, bytesBefore);
        }
        List<SchoolCounts> counts = new ArrayList<>();
        counters.forEach((uai, c) -> counts.add(new SchoolCounts(uai, c.pupils, c.rejected, c.classes.size(), c.staff)));
        return new Result(counts, pupils, laterYearPupils);
    }

    private void check(Part part, AafEntry entry) throws AafFormatException {
        if (entry.operation() == AafEntry.Operation.DELETE) {
            return;
        }
        boolean complete = entry.operation() == AafEntry.Operation.ADD;
        switch (part.type()) {
            case EtabEducNat -> school(part, entry, complete);
            case PersRelEleve -> {
                require(part, entry, complete, "ENTPersonJointure", "ENTPersonNom");
                responsables.add(entry.id());
            }
            case PersEducNat -> {
                require(part, entry, complete, "ENTPersonJointure", "ENTPersonNom", "ENTPersonStructRattach");
                if (complete) {
                    counter(school(part, entry, entry.value("ENTPersonStructRattach"))).staff++;
                }
            }
            case Eleve -> pupil(part, entry, complete);
        }
    }

    private void school(Part part, AafEntry entry, boolean complete) throws AafFormatException {
        require(part, entry, complete, "ENTStructureJointure", "ENTStructureUAI", "ENTStructureNomCourant");
        String uai = entry.value("ENTStructureUAI");
        if (uai != null && !Uai.isValid(uai)) {
            throw new AafFormatException(part.name(), entry.line(), "ENTStructureUAI", "'" + uai + "' is not a valid UAI");
        }
        String academy = entry.value("ENTServAcCodeAcademie");
        if (academy != null && !academy.equals(academyCode)) {
            throw new AafFormatException(part.name(), entry.line(), "ENTServAcCodeAcademie", "school "
                    + (uai == null ? entry.id() : uai) + " belongs to académie " + academy + ", and this service imports "
                    + "for académie " + academyCode + ": the whole export is refused (an export of another académie?)");
        }
        if (complete) {
            schools.put(entry.value("ENTStructureJointure"), uai);
            counter(uai);
        }
    }

    private void pupil(Part part, AafEntry entry, boolean complete) throws AafFormatException {
        require(part, entry, complete, "ENTPersonJointure", "ENTPersonNom", "ENTPersonPrenom", "ENTPersonStructRattach");
        if (!complete) {
            return; // a modification replaces some attributes: the pupil is judged whole when it is applied
        }
        String uai = school(part, entry, entry.value("ENTPersonStructRattach"));
        pupils++;
        if (isLater(entry.value("ENTEleveAnneeScolaire"))) {
            laterYearPupils++;
        }
        for (String value : entry.values("ENTPersonClasses")) {
            if (value.split("\\$").length < 3) {
                throw new AafFormatException(part.name(), entry.line(), "ENTPersonClasses",
                        "'" + value + "' is not school$classId$className");
            }
        }
        PupilFacts facts = PupilFacts.fromOnde(entry::value, entry::values, responsables::contains);
        Set<RejectionReason> reasons = Eligibility.rejections(facts, currentYear);
        Counter counter = counter(uai);
        if (reasons.isEmpty()) {
            counter.pupils++;
            counter.classes.addAll(facts.classIds());
        } else {
            counter.rejected++; // listed from the state the import leads to, when its changes are compared
        }
    }

    private boolean isLater(String schoolYear) {
        try {
            return schoolYear != null && SchoolYear.parse(schoolYear).compareTo(currentYear) > 0;
        } catch (IllegalArgumentException e) {
            return false; // an unreadable year is rejected by rule 4 like any other year
        }
    }

    /** The UAI of the school a person refers to, from this export or from earlier imports. */
    private String school(Part part, AafEntry entry, String joinKey) throws AafFormatException {
        String uai = schools.getOrDefault(joinKey, knownSchools.get(joinKey));
        if (uai == null) {
            throw new AafFormatException(part.name(), entry.line(), "ENTPersonStructRattach",
                    "unknown school reference '" + joinKey + "'");
        }
        return uai;
    }

    private static void require(Part part, AafEntry entry, boolean complete, String... attributes)
            throws AafFormatException {
        if (!complete) {
            return;
        }
        for (String attribute : attributes) {
            String value = entry.value(attribute);
            if (value == null || value.isBlank()) {
                throw new AafFormatException(part.name(), entry.line(), attribute,
                        "mandatory attribute missing for " + entry.id());
            }
        }
    }

    private Counter counter(String uai) {
        return counters.computeIfAbsent(uai, u -> new Counter());
    }

    private static final class Counter {
        int pupils;
        int rejected;
        int staff;
        final Set<String> classes = new HashSet<>();
    }
}
