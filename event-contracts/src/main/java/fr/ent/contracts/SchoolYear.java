package fr.ent.contracts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A school year such as {@code 2018-2019}: it starts in September of its first calendar year. */
public record SchoolYear(int startYear) implements Comparable<SchoolYear> {

    private static final Pattern SHAPE = Pattern.compile("([0-9]{4})-([0-9]{4})");

    public static SchoolYear parse(String text) {
        Matcher matcher = text == null ? null : SHAPE.matcher(text);
        if (matcher == null || !matcher.matches()
                || Integer.parseInt(matcher.group(2)) != Integer.parseInt(matcher.group(1)) + 1) {
            throw new IllegalArgumentException("not a school year (expected like 2018-2019): " + text);
        }
        return new SchoolYear(Integer.parseInt(matcher.group(1)));
    }

    public SchoolYear next() {
        return new SchoolYear(startYear + 1);
    }

    @Override
    public int compareTo(SchoolYear other) {
        return Integer.compare(startYear, other.startYear);
    }

    @Override
    public String toString() {
        return startYear + "-" + (startYear + 1);
    }
}
