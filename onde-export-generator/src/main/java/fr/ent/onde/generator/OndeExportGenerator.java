package fr.ent.onde.generator;

import fr.ent.contracts.SchoolYear;
import fr.ent.onde.generator.SchoolPopulation.Child;
import fr.ent.onde.generator.SchoolPopulation.Family;
import fr.ent.onde.generator.SchoolPopulation.Pupil;
import fr.ent.onde.generator.SchoolPopulation.Responsable;
import fr.ent.onde.generator.SchoolPopulation.SchoolClass;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a synthetic académie as ONDE exports it, deterministic for a seed: the complete export of a school year,
 * the next day's delta, and the complete export of the next school year (pupils moved up, new classes, leavers,
 * arrivals), each in its own folder. One school at a time is held in memory, whatever the size.
 *
 * <p>Usage: {@code OndeExportGenerator --out DIR [--seed 42] [--pupils 2000] [--year 2018-2019]
 * [--failure-share 0.01] [--part-size 50000] [--demo-school true]}
 */
public final class OndeExportGenerator {

    /** The five eligibility rules a generated pupil may fail (ONDE-2), in order. */
    enum Failure { INE, ADMISSION, CLASS, SCHOOL_YEAR, AUTHORITY }

    public record Export(Path folder, int schools, int classes, long pupils, long responsables, long staff) {
    }

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter BIRTH_DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final int PUPILS_PER_SCHOOL = 150;

    private final GeneratorSettings settings;
    private final int schools;

    public OndeExportGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.schools = Math.max(1, Math.round(settings.pupils() / (float) PUPILS_PER_SCHOOL));
    }

    /** The three exports, under {@code out}: {@code <year>-complet}, {@code <year>-delta}, {@code <next>-complet}. */
    public List<Export> generateAll(Path out) throws IOException {
        SchoolYear year = settings.schoolYear();
        return List.of(complete(year, out.resolve(year + "-complet")), delta(out.resolve(year + "-delta")),
                complete(year.next(), out.resolve(year.next() + "-complet")));
    }

    /** Packs an export folder as the rectorate delivers it: a zip of its files, beside the folder. */
    public static Path zip(Path folder) throws IOException {
        Path zip = folder.resolveSibling(folder.getFileName() + ".zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out);
                Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                entries.putNextEntry(new ZipEntry(file.getFileName().toString()));
                Files.copy(file, entries);
                entries.closeEntry();
            }
        }
        return zip;
    }

    /** The complete export of {@code year}: the base year or the one after. */
    public Export complete(SchoolYear year, Path folder) throws IOException {
        Files.createDirectories(folder);
        String prefix = prefix("Complet", settings.exportDate(year));
        int classCount = 0;
        try (Writers out = new Writers(folder, prefix, settings.partSize())) {
            for (int i = 0; i < schools; i++) {
                SchoolPopulation school = school(i);
                List<SchoolClass> classes = school.classes(year);
                classCount += classes.size();
                out.schools.add(school.joinKey, schoolAttributes(school));
                List<Pupil> pupils = new ArrayList<>();
                Map<String, SchoolClass> classOf = new LinkedHashMap<>();
                for (SchoolClass schoolClass : classes) {
                    schoolClass.pupils().forEach(p -> classOf.put(p.child().id(), schoolClass));
                    pupils.addAll(schoolClass.pupils());
                }
                for (Pupil pupil : pupils) {
                    out.pupils.add(pupil.child().id(), pupilAttributes(school, pupil, classOf.get(pupil.child().id()), year));
                }
                writeResponsables(out.responsables, pupils);
                for (int k = 0; k < classes.size(); k++) {
                    out.staff.add(teacherId(school, k), staffAttributes(school, k));
                }
            }
            return new Export(folder, schools, classCount, out.pupils.written(), out.responsables.written(),
                    out.staff.written());
        }
    }

    /** The day after the base year's complete export: class changes, leavers, arrivals, new phone numbers. */
    public Export delta(Path folder) throws IOException {
        Files.createDirectories(folder);
        SchoolYear year = settings.schoolYear();
        String prefix = prefix("Delta", settings.exportDate(year).plusDays(1));
        try (Writers out = new Writers(folder, prefix, settings.partSize())) {
            for (int i = 0; i < schools; i++) {
                SchoolPopulation school = school(i);
                Random random = new Random(settings.seed() * 7_919L + i);
                List<SchoolClass> classes = school.classes(year);
                for (SchoolClass schoolClass : classes) {
                    for (Pupil pupil : schoolClass.pupils()) {
                        if (failure(pupil.child(), year) != null) {
                            continue;
                        }
                        int roll = random.nextInt(1000);
                        SchoolClass other = otherClassFor(pupil, schoolClass, classes);
                        if (roll < 10 && other != null) {
                            out.pupils.modify(pupil.child().id(), Map.of("ENTPersonClasses", List.of(classValue(school, other))));
                        } else if (roll < 15) {
                            out.pupils.delete(pupil.child().id());
                        }
                    }
                }
                for (Family family : school.families) {
                    Responsable first = family.responsables().get(0);
                    if (family.presentIn(year) && random.nextInt(100) < 3 && !first.organisation()) {
                        out.responsables.modify(first.id(), Map.of("ENTPersRelEleveTelMobile", List.of("0700000000")));
                    }
                }
            }
            return new Export(folder, schools, 0, out.pupils.written(), out.responsables.written(), out.staff.written());
        }
    }

    private SchoolPopulation school(int index) {
        int base = settings.pupils() / schools + (index < settings.pupils() % schools ? 1 : 0);
        return SchoolPopulation.generate(settings.seed(), index, base, settings.schoolYear(),
                settings.demoSchool() && index == 0);
    }

    private Failure failure(Child child, SchoolYear year) {
        if (child.id().startsWith(SchoolPopulation.DEMO_PREFIX)) {
            return null; // the demo pupil is always eligible
        }
        double roll = new Random(settings.seed() ^ ((long) child.id().hashCode() * 31 + year.startYear())).nextDouble();
        int rule = (int) (roll / settings.failureShare());
        return rule < Failure.values().length ? Failure.values()[rule] : null;
    }

    private Map<String, List<String>> schoolAttributes(SchoolPopulation school) {
        Map<String, List<String>> a = new LinkedHashMap<>();
        put(a, "ENTStructureJointure", school.joinKey);
        put(a, "ENTStructureUAI", school.uai);
        put(a, "ENTStructureNomCourant", school.name);
        put(a, "ENTStructureTypeStruct", "ECOLE PRIMAIRE PUBLIQUE");
        put(a, "ENTStructureAdresse", (1 + school.index % 90) + " rue de l'École");
        put(a, "ENTStructureCodePostal", school.uai.substring(1, 3) + "000");
        put(a, "ENTStructureVille", school.town);
        put(a, "ENTServAcAcademie", settings.academyName());
        put(a, "ENTServAcCodeAcademie", settings.academyCode());
        put(a, "ENTEcoleCirconscription", "Circonscription de " + school.town);
        put(a, "ENTEcoleCommune", school.town);
        put(a, "ENTStructureEmail", "ce." + school.uai.toLowerCase() + "@ac-nantes.fr");
        return a;
    }

    private Map<String, List<String>> pupilAttributes(SchoolPopulation school, Pupil pupil, SchoolClass schoolClass,
            SchoolYear year) {
        Child child = pupil.child();
        Failure failure = failure(child, year);
        Map<String, List<String>> a = new LinkedHashMap<>();
        put(a, "ENTPersonJointure", child.id());
        if (failure != Failure.INE || child.id().hashCode() % 2 == 0) {
            put(a, "ENTEleveINE", failure == Failure.INE ? child.ine().substring(1) : child.ine());
        }
        put(a, "ENTPersonDateNaissance", child.birthDate().format(BIRTH_DATE));
        put(a, "ENTPersonNom", child.lastName());
        put(a, "ENTPersonPrenom", child.firstName());
        put(a, "ENTPersonAutresPrenoms", child.otherFirstNames());
        put(a, "ENTPersonNomPatro", child.lastName());
        put(a, "ENTPersonCivilite", child.girl() ? "Mme" : "M.");
        put(a, "ENTPersonStructRattach", school.joinKey);
        if (failure != Failure.CLASS) {
            put(a, "ENTPersonClasses", classValue(school, schoolClass));
        }
        put(a, "ENTEleveNiveau", pupil.level().name());
        put(a, "ENTEleveCycle", "CYCLE " + pupil.level().cycle);
        if (failure != Failure.AUTHORITY) {
            a.put("ENTEleveAutoriteParentale", pupil.family().responsables().stream().filter(Responsable::parentalAuthority)
                    .map(r -> r.id() + "$" + r.relationCode()).toList());
        }
        put(a, "ENTEleveStatutAdmission", failure == Failure.ADMISSION ? "ADMIS_PROVISOIREMENT" : "ADMIS_DEFINITIVEMENT");
        put(a, "ENTEleveAnneeScolaire", (failure == Failure.SCHOOL_YEAR ? new SchoolYear(year.startYear() - 1) : year).toString());
        return a;
    }

    private void writeResponsables(AafWriter writer, List<Pupil> pupils) {
        Map<Responsable, List<String>> children = new LinkedHashMap<>();
        for (Pupil pupil : pupils) {
            for (Responsable responsable : pupil.family().responsables()) {
                children.computeIfAbsent(responsable, r -> new ArrayList<>()).add(pupil.child().id());
            }
        }
        children.forEach((r, ids) -> {
            Map<String, List<String>> a = new LinkedHashMap<>();
            put(a, "ENTPersonJointure", r.id());
            put(a, "ENTPersonNom", r.lastName());
            put(a, "ENTPersonPrenom", r.firstName());
            put(a, "ENTPersonCivilite", r.civility());
            if (!r.organisation()) {
                put(a, "ENTPersonMail", (r.firstName() + "." + r.lastName()).toLowerCase().replaceAll("[^a-z.]", "")
                        + "@exemple.fr");
            }
            put(a, "ENTPersonTelPerso", r.phone());
            put(a, "ENTPersRelEleveTelMobile", r.phone());
            put(a, "ENTPersonAdresse", "2 place de la Mairie");
            a.put("ENTPersRelEleveEleve", ids);
            writer.add(r.id(), a);
        });
    }

    private Map<String, List<String>> staffAttributes(SchoolPopulation school, int k) {
        if (school.demo && k < 2) {
            return demoStaffAttributes(school, k == 0);
        }
        Random random = new Random(settings.seed() * 31 + school.index * 1_009L + k);
        boolean woman = random.nextInt(100) < 80;
        String first = Names.pick(woman ? Names.GIRLS : Names.BOYS, random);
        String last = Names.pick(Names.LAST, random);
        Map<String, List<String>> a = new LinkedHashMap<>();
        put(a, "ENTPersonJointure", teacherId(school, k));
        put(a, "ENTPersonNom", last);
        put(a, "ENTPersonPrenom", first);
        put(a, "ENTPersonCivilite", woman ? "Mme" : "M.");
        // Academic addresses are unique: homonyms are numbered (here by school and rank, unique in the académie).
        put(a, "ENTPersonMail", (first + "." + last).toLowerCase().replaceAll("[^a-z.]", "") + (school.index * 100 + k)
                + "@ac-nantes.fr");
        put(a, "ENTPersonStructRattach", school.joinKey);
        put(a, "ENTPersonFonctions", school.joinKey + "$ENS$ENSEIGNEMENT");
        if (k == 0) {
            put(a, "ENTEnsFonctionDir", school.joinKey);
        }
        put(a, "ENTPersonCategorieEnseignant", "PROFESSEUR DES ECOLES");
        return a;
    }

    /** The demo school's directeur (who directs, does not teach) and first teacher: the realm's demo logins. */
    private static Map<String, List<String>> demoStaffAttributes(SchoolPopulation school, boolean director) {
        String role = director ? "Directeur" : "Enseignant";
        Map<String, List<String>> a = new LinkedHashMap<>();
        put(a, "ENTPersonJointure", teacherId(school, director ? 0 : 1));
        put(a, "ENTPersonNom", "Demo");
        put(a, "ENTPersonPrenom", role);
        put(a, "ENTPersonCivilite", "Mme");
        put(a, "ENTPersonMail", role.toLowerCase() + ".demo@ac-demo.fr");
        put(a, "ENTPersonStructRattach", school.joinKey);
        if (director) {
            put(a, "ENTPersonFonctions", school.joinKey + "$DIR$DIRECTION");
            put(a, "ENTEnsFonctionDir", school.joinKey);
        } else {
            put(a, "ENTPersonFonctions", school.joinKey + "$ENS$ENSEIGNEMENT");
            put(a, "ENTPersonCategorieEnseignant", "PROFESSEUR DES ECOLES");
        }
        return a;
    }

    private static SchoolClass otherClassFor(Pupil pupil, SchoolClass current, List<SchoolClass> classes) {
        return classes.stream().filter(c -> c != current && c.levels().contains(pupil.level())).findFirst().orElse(null);
    }

    private static String classValue(SchoolPopulation school, SchoolClass schoolClass) {
        return school.joinKey + "$" + schoolClass.id() + "$" + schoolClass.name();
    }

    private static String teacherId(SchoolPopulation school, int k) {
        if (school.demo && k < 2) {
            return k == 0 ? "DEMO-DIR-1" : "DEMO-ENS-1";
        }
        return "ENS-" + school.uai + "-" + k;
    }

    private String prefix(String kind, LocalDate date) {
        return "ENT_" + settings.academyCode() + "_" + kind + "_" + date.format(FILE_DATE);
    }

    private static void put(Map<String, List<String>> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, List.of(value));
        }
    }

    /** The four files of an export, one per entity type. */
    private static final class Writers implements AutoCloseable {
        final AafWriter schools;
        final AafWriter pupils;
        final AafWriter responsables;
        final AafWriter staff;

        Writers(Path folder, String prefix, int partSize) {
            schools = new AafWriter(folder, prefix, "EtabEducNat", "categorieStructure", "Ecole", partSize);
            pupils = new AafWriter(folder, prefix, "Eleve", "categoriePersonne", "Eleve", partSize);
            responsables = new AafWriter(folder, prefix, "PersRelEleve", "categoriePersonne", "PersRelEleve", partSize);
            staff = new AafWriter(folder, prefix, "PersEducNat", "categoriePersonne", "PersEducNat", partSize);
        }

        @Override
        public void close() {
            schools.close();
            pupils.close();
            responsables.close();
            staff.close();
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0 || !options.containsKey("out")) {
            usage("--out DIR is required");
        }
        GeneratorSettings defaults = GeneratorSettings.defaults(0, 0);
        GeneratorSettings settings = new GeneratorSettings(Long.parseLong(options.getOrDefault("seed", "42")),
                Integer.parseInt(options.getOrDefault("pupils", "2000")), defaults.academyCode(), defaults.academyName(),
                SchoolYear.parse(options.getOrDefault("year", defaults.schoolYear().toString())),
                Double.parseDouble(options.getOrDefault("failure-share", "0.01")),
                Integer.parseInt(options.getOrDefault("part-size", String.valueOf(defaults.partSize()))),
                Boolean.parseBoolean(options.getOrDefault("demo-school", "false")));
        long start = System.nanoTime();
        for (Export export : new OndeExportGenerator(settings).generateAll(Path.of(options.get("out")))) {
            System.out.printf("%s (+ .zip): %d schools, %d classes, %,d pupil entries, %,d responsable entries, "
                    + "%,d staff%n", export.folder(), export.schools(), export.classes(), export.pupils(),
                    export.responsables(), export.staff());
            zip(export.folder());
        }
        System.out.printf("written in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    private static void usage(String problem) {
        System.err.println(problem + "\nusage: OndeExportGenerator --out DIR [--seed 42] [--pupils 2000] "
                + "[--year 2018-2019] [--failure-share 0.01] [--part-size 50000] [--demo-school true]");
        System.exit(2);
    }
}
