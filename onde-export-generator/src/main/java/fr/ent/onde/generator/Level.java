package fr.ent.onde.generator;

/** The levels of French primary school, by the age a pupil turns during the school year's first calendar year. */
enum Level {
    PS(3, 1), MS(4, 1), GS(5, 1), CP(6, 2), CE1(7, 2), CE2(8, 2), CM1(9, 3), CM2(10, 3);

    final int age;
    final int cycle;

    Level(int age, int cycle) {
        this.age = age;
        this.cycle = cycle;
    }

    static Level ofAge(int age) {
        for (Level level : values()) {
            if (level.age == age) {
                return level;
            }
        }
        return null;
    }
}
