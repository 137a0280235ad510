package fr.ent.onde.generator;

import fr.ent.contracts.SchoolYear;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The families of one school, drawn from the school's own seed so that any school can be generated alone, in any
 * order, for any year: children age from one year to the next, move up a level, leave after CM2; some families
 * arrive or leave.
 */
final class SchoolPopulation {

    /** Ids of the demo school's people, the realm's demo logins. */
    static final String DEMO_PREFIX = "DEMO-";
    static final String ASE = "Aide sociale à l'enfance de Loire-Atlantique";
    private static final String KEYS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final String[] DEPARTMENTS = {"044", "049", "053", "072", "085"};
    private static final int CLASS_SIZE = 27;
    private static final int SMALL_LEVEL = 16;

    record Responsable(String id, boolean organisation, String civility, String lastName, String firstName,
            String relationCode, boolean parentalAuthority, String phone) {
    }

    record Child(String id, String ine, boolean girl, String firstName, String otherFirstNames, String lastName,
            LocalDate birthDate) {

        Level level(SchoolYear year) {
            return Level.ofAge(year.startYear() - birthDate.getYear());
        }
    }

    record Family(List<Responsable> responsables, List<Child> children, int firstYear, int lastYear) {

        boolean presentIn(SchoolYear year) {
            return year.startYear() >= firstYear && year.startYear() <= lastYear;
        }
    }

    record Pupil(Child child, Family family, Level level) {
    }

    record SchoolClass(String id, String name, List<Level> levels, List<Pupil> pupils) {
    }

    final int index;
    final boolean demo;
    final String uai;
    final String joinKey;
    final String name;
    final String town;
    final List<Family> families = new ArrayList<>();

    private SchoolPopulation(int index, Random random, boolean demo) {
        this.index = index;
        this.demo = demo;
        String digits = DEPARTMENTS[index % DEPARTMENTS.length] + String.format("%04d", index / DEPARTMENTS.length + 1);
        this.uai = demo ? GeneratorSettings.DEMO_UAI : digits + KEYS.charAt(Integer.parseInt(digits) % 23);
        this.joinKey = "ETAB-" + uai;
        this.name = "ECOLE PRIMAIRE PUBLIQUE " + Names.pick(Names.SCHOOLS, random);
        this.town = Names.pick(Names.TOWNS, random);
    }

    /**
     * Families enough for {@code pupils} pupils in {@code year}; others arrive the year after. The demo school has the
     * demo family too: a pupil in CE1 the first year, with one responsable (the demo logins {@code eleve.demo} and
     * {@code parent.demo}).
     */
    static SchoolPopulation generate(long seed, int index, int pupils, SchoolYear year, boolean demo) {
        Random random = new Random(seed * 1_000_003L + index);
        SchoolPopulation school = new SchoolPopulation(index, random, demo);
        int counted = 0;
        if (demo) {
            school.families.add(new Family(List.of(new Responsable("DEMO-RESP-1", false, "Mme", "Demo", "Parent", "10",
                    true, "0600000000")), List.of(new Child("DEMO-ELV-1", "123456789AB", true, "Eleve", null, "Demo",
                    LocalDate.of(year.startYear() - 7, 3, 14))), year.startYear() - 10, year.startYear() + 10));
            counted++;
        }
        for (int family = 0; counted < pupils; family++) {
            Family drawn = school.family(family, random, year);
            school.families.add(drawn);
            counted += (int) drawn.children().stream().filter(c -> drawn.presentIn(year) && c.level(year) != null).count();
        }
        return school;
    }

    /** This year's pupils, in a stable order. */
    List<Pupil> pupils(SchoolYear year) {
        List<Pupil> pupils = new ArrayList<>();
        for (Family family : families) {
            if (family.presentIn(year)) {
                for (Child child : family.children()) {
                    Level level = child.level(year);
                    if (level != null) {
                        pupils.add(new Pupil(child, family, level));
                    }
                }
            }
        }
        pupils.sort(Comparator.comparing(p -> p.child().id()));
        return pupils;
    }

    /** Classes are new every year (new ids); a level too small for a class of its own shares one with the next. */
    List<SchoolClass> classes(SchoolYear year) {
        Map<Level, List<Pupil>> byLevel = new EnumMap<>(Level.class);
        pupils(year).forEach(p -> byLevel.computeIfAbsent(p.level(), l -> new ArrayList<>()).add(p));
        List<SchoolClass> classes = new ArrayList<>();
        List<Level> pendingLevels = new ArrayList<>();
        List<Pupil> pending = new ArrayList<>();
        for (Level level : Level.values()) {
            pendingLevels.add(level);
            pending.addAll(byLevel.getOrDefault(level, List.of()));
            boolean last = level == Level.CM2;
            if (pending.size() >= SMALL_LEVEL || (last && !pending.isEmpty())) {
                split(year, pendingLevels, pending, classes);
                pendingLevels = new ArrayList<>();
                pending = new ArrayList<>();
            } else if (pending.isEmpty()) {
                pendingLevels.clear();
            }
        }
        return classes;
    }

    private void split(SchoolYear year, List<Level> levels, List<Pupil> pupils, List<SchoolClass> classes) {
        int count = (pupils.size() + CLASS_SIZE - 1) / CLASS_SIZE;
        String label = String.join("-", levels.stream().filter(l -> pupils.stream().anyMatch(p -> p.level() == l))
                .map(Enum::name).toList());
        for (int k = 0; k < count; k++) {
            List<Pupil> members = new ArrayList<>();
            for (int i = k; i < pupils.size(); i += count) {
                members.add(pupils.get(i));
            }
            List<Level> present = levels.stream().filter(l -> members.stream().anyMatch(p -> p.level() == l)).toList();
            String classId = uai + "-" + year.startYear() + "-" + (classes.size() + 1);
            classes.add(new SchoolClass(classId, count == 1 ? label : label + " " + (char) ('A' + k), present, members));
        }
    }

    private Family family(int number, Random random, SchoolYear year) {
        String familyId = uai + "-" + number;
        String lastName = Names.pick(Names.LAST, random);
        List<Responsable> responsables = new ArrayList<>();
        if (random.nextInt(100) < 2) {
            responsables.add(new Responsable("RESP-" + familyId + "-ASE", true, null, ASE, null, "51", true,
                    phone(random)));
        } else {
            responsables.add(new Responsable("RESP-" + familyId + "-1", false, "Mme", lastName,
                    Names.pick(Names.GIRLS, random), "10", true, phone(random)));
            if (random.nextInt(100) < 75) {
                responsables.add(new Responsable("RESP-" + familyId + "-2", false, "M.", lastName,
                        Names.pick(Names.BOYS, random), "20", true, phone(random)));
            }
            if (random.nextInt(100) < 5) {
                responsables.add(new Responsable("RESP-" + familyId + "-3", false, "Mme",
                        Names.pick(Names.LAST, random), Names.pick(Names.GIRLS, random), "38", false, phone(random)));
            }
        }
        List<Child> children = new ArrayList<>();
        int count = 1 + (random.nextInt(100) < 45 ? 1 : 0) + (random.nextInt(100) < 15 ? 1 : 0);
        for (int c = 0; c < count; c++) {
            boolean girl = random.nextBoolean();
            int age = 1 + random.nextInt(10); // some are not at school yet, and start in PS later
            LocalDate birth = LocalDate.of(year.startYear() - age, 1 + random.nextInt(12), 1 + random.nextInt(28));
            String first = Names.pick(girl ? Names.GIRLS : Names.BOYS, random);
            String others = random.nextInt(100) < 30 ? Names.pick(girl ? Names.GIRLS : Names.BOYS, random) : null;
            children.add(new Child("ELV-" + familyId + "-" + c, ine(random), girl, first, others, lastName, birth));
        }
        int roll = random.nextInt(100);
        int firstYear = roll < 4 ? year.startYear() + 1 : year.startYear() - 10;
        int lastYear = roll >= 4 && roll < 8 ? year.startYear() : year.startYear() + 10;
        return new Family(responsables, children, firstYear, lastYear);
    }

    private static String ine(Random random) {
        StringBuilder ine = new StringBuilder();
        for (int i = 0; i < 9; i++) {
            ine.append(random.nextInt(10));
        }
        return ine.append("ABCDEFGHJK".charAt(random.nextInt(10))).append("ABCDEFGHJK".charAt(random.nextInt(10)))
                .toString();
    }

    private static String phone(Random random) {
        return String.format("06%08d", random.nextInt(100_000_000));
    }
}
