package fr.ent.onde.aaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.ent.contracts.SchoolYear;
import fr.ent.onde.eligibility.Eligibility;
import fr.ent.onde.eligibility.PupilFacts;
import fr.ent.onde.eligibility.RejectionReason;
import fr.ent.onde.generator.GeneratorSettings;
import fr.ent.onde.generator.OndeExportGenerator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's exports read back through the secure reader and judged by the eligibility rules. */
class GeneratedExportTest {

    private static final int PUPILS = 4000;
    private static final SchoolYear YEAR = SchoolYear.parse("2018-2019");

    @TempDir
    static Path dir;

    static Map<String, List<AafEntry>> thisYear;
    static Map<String, List<AafEntry>> nextYear;

    @BeforeAll
    static void generate() throws Exception {
        new OndeExportGenerator(GeneratorSettings.defaults(2018, PUPILS)).generateAll(dir);
        thisYear = read(dir.resolve(YEAR + "-complet"));
        nextYear = read(dir.resolve(YEAR.next() + "-complet"));
    }

    @Test
    void aboutOnePercentOfPupilsFailEachRuleAndTheRestAreImported() {
        Set<String> responsables = ids(thisYear.get("PersRelEleve"));
        Map<RejectionReason, Integer> counts = new EnumMap<>(RejectionReason.class);
        int eligible = 0;
        for (AafEntry pupil : thisYear.get("Eleve")) {
            Set<RejectionReason> reasons = Eligibility.rejections(facts(pupil, responsables), YEAR);
            reasons.forEach(r -> counts.merge(r, 1, Integer::sum));
            eligible += reasons.isEmpty() ? 1 : 0;
        }
        int pupils = thisYear.get("Eleve").size();
        assertTrue(eligible > pupils * 0.9, eligible + " of " + pupils);
        for (RejectionReason rule : List.of(RejectionReason.NOT_ADMITTED_DEFINITIVELY, RejectionReason.NO_CLASS,
                RejectionReason.NOT_CURRENT_SCHOOL_YEAR, RejectionReason.NO_PARENTAL_AUTHORITY)) {
            int count = counts.getOrDefault(rule, 0);
            assertTrue(count > pupils * 0.003 && count < pupils * 0.03, rule + ": " + count + " of " + pupils);
        }
        int ine = counts.getOrDefault(RejectionReason.INE_MISSING, 0) + counts.getOrDefault(RejectionReason.INE_INVALID, 0);
        assertTrue(ine > pupils * 0.003 && ine < pupils * 0.03, "INE: " + ine);
        assertTrue(counts.getOrDefault(RejectionReason.INE_MISSING, 0) > 0 && counts.getOrDefault(RejectionReason.INE_INVALID, 0) > 0);
    }

    @Test
    void everyReferenceOfAPupilExistsInTheExport() {
        Set<String> schools = new HashSet<>();
        thisYear.get("EtabEducNat").forEach(s -> schools.add(s.value("ENTStructureJointure")));
        Set<String> responsables = ids(thisYear.get("PersRelEleve"));
        for (AafEntry pupil : thisYear.get("Eleve")) {
            assertTrue(schools.contains(pupil.value("ENTPersonStructRattach")), pupil.id());
            pupil.values("ENTEleveAutoriteParentale")
                    .forEach(link -> assertTrue(responsables.contains(link.split("\\$")[0]), link));
            pupil.values("ENTPersonClasses").forEach(c -> assertEquals(pupil.value("ENTPersonStructRattach"), c.split("\\$")[0]));
        }
    }

    @Test
    void nextYearPupilsMoveUpClassesAreNewAndCm2Leave() {
        Map<String, String> levelNow = levels(thisYear.get("Eleve"));
        Map<String, String> levelNext = levels(nextYear.get("Eleve"));
        int movedUp = 0;
        for (Map.Entry<String, String> pupil : levelNow.entrySet()) {
            String next = levelNext.get(pupil.getKey());
            if (pupil.getValue().equals("CM2")) {
                assertEquals(null, next, pupil.getKey() + " left primary school");
            } else if (next != null) {
                assertEquals(nextLevel(pupil.getValue()), next, pupil.getKey());
                movedUp++;
            }
        }
        assertTrue(movedUp > levelNow.size() * 0.7, movedUp + " moved up");
        assertTrue(levelNext.keySet().stream().anyMatch(id -> !levelNow.containsKey(id)), "arrivals");
        assertTrue(classIds(thisYear).stream().noneMatch(classIds(nextYear)::contains), "classes are new each year");
    }

    @Test
    void theDeltaChangesClassesAndRemovesPupils() throws Exception {
        Map<String, List<AafEntry>> delta = read(dir.resolve(YEAR + "-delta"));
        List<AafEntry> pupils = delta.get("Eleve");
        assertTrue(pupils.stream().anyMatch(e -> e.operation() == AafEntry.Operation.MODIFY
                && e.attributes().containsKey("ENTPersonClasses")));
        assertTrue(pupils.stream().anyMatch(e -> e.operation() == AafEntry.Operation.DELETE));
        Set<String> known = ids(thisYear.get("Eleve"));
        assertTrue(pupils.stream().allMatch(e -> known.contains(e.id())), "a delta changes known pupils");
    }

    private static PupilFacts facts(AafEntry pupil, Set<String> responsables) {
        List<String> classes = pupil.values("ENTPersonClasses").stream().map(c -> c.split("\\$")[1]).toList();
        List<String> authority = pupil.values("ENTEleveAutoriteParentale").stream().map(l -> l.split("\\$")[0])
                .filter(responsables::contains).toList();
        return new PupilFacts(pupil.value("ENTEleveINE"), pupil.value("ENTEleveStatutAdmission"), classes,
                pupil.value("ENTEleveAnneeScolaire"), authority);
    }

    private static Map<String, String> levels(List<AafEntry> pupils) {
        Map<String, String> levels = new HashMap<>();
        pupils.forEach(p -> levels.put(p.id(), p.value("ENTEleveNiveau")));
        return levels;
    }

    private static String nextLevel(String level) {
        List<String> order = List.of("PS", "MS", "GS", "CP", "CE1", "CE2", "CM1", "CM2");
        return order.get(order.indexOf(level) + 1);
    }

    private static Set<String> classIds(Map<String, List<AafEntry>> export) {
        Set<String> ids = new HashSet<>();
        export.get("Eleve").forEach(p -> p.values("ENTPersonClasses").forEach(c -> ids.add(c.split("\\$")[1])));
        return ids;
    }

    private static Set<String> ids(List<AafEntry> entries) {
        Set<String> ids = new HashSet<>();
        entries.forEach(e -> ids.add(e.id()));
        return ids;
    }

    /** Every entry of an export folder, by file type (EtabEducNat, Eleve, PersRelEleve, PersEducNat). */
    private static Map<String, List<AafEntry>> read(Path folder) throws Exception {
        Map<String, List<AafEntry>> entries = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String[] parts = file.getFileName().toString().split("_");
                List<AafEntry> ofType = entries.computeIfAbsent(parts[parts.length - 2], t -> new ArrayList<>());
                try (InputStream in = Files.newInputStream(file);
                        AafReader reader = AafReader.open(in, file.getFileName().toString(), 4096)) {
                    for (Optional<AafEntry> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                        ofType.add(entry.get());
                    }
                }
            }
        }
        return entries;
    }
}
