package fr.ent.onde.aaf;

/** An export that is not acceptable AAF: says which file, which line and, where it applies, which attribute. */
public class AafFormatException extends Exception {

    private final String file;
    private final int line;
    private final String attribute;

    /** @param line 0 when the problem is the file or the archive as a whole */
    public AafFormatException(String file, int line, String attribute, String problem) {
        super(file + (line > 0 ? " line " + line : "") + (attribute == null ? "" : ", attribute " + attribute) + ": "
                + problem);
        this.file = file;
        this.line = line;
        this.attribute = attribute;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String attribute() {
        return attribute;
    }
}
