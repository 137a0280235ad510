package fr.ent.onde.aaf;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds every piece of an XML file while its bytes stream to the parser: a text, a tag (with its attribute values),
 * a comment, a processing instruction or a CDATA section longer than the limit is refused at the byte that crosses
 * it, so the parser never accumulates more than the limit plus its read buffer (a zip of a few kilobytes can hold a
 * gigabyte-long value). A DOCTYPE is refused at its first bytes: no DTD is ever read. The limit holds whatever the
 * parser does with what it reads, which is why it sits here and not in the parser's settings.
 */
final class BoundedXmlInput extends FilterInputStream {

    /** An XML piece over its limit, or a DOCTYPE, with the line where it was found. */
    static final class LimitExceeded extends IOException {
        final int line;

        LimitExceeded(int line, String problem) {
            super(problem);
            this.line = line;
        }
    }

    private enum State { TEXT, LT, BANG, BANG_DASH, TAG, QUOTED, COMMENT, PI, CDATA }

    private final long limit;
    private State state = State.TEXT;
    private long length;
    private int line = 1;
    private byte quote;
    /** Consecutive '-' in a comment, ']' in a CDATA section, whether the last byte of a PI was '?'. */
    private int closing;
    private LimitExceeded refusal;

    BoundedXmlInput(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            see((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n = super.read(buffer, offset, count);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    private void see(byte b) throws LimitExceeded {
        if (b == '\n') {
            line++;
        }
        length++;
        switch (state) {
            case TEXT -> {
                if (b == '<') {
                    begin(State.LT);
                } else {
                    check("a text");
                }
            }
            case LT -> state = b == '!' ? State.BANG : b == '?' ? State.PI : b == '>' ? State.TEXT : State.TAG;
            case BANG -> {
                if (b == '-') {
                    state = State.BANG_DASH;
                } else if (b == '[') {
                    state = State.CDATA;
                    closing = 0;
                } else {
                    throw refuse("a DOCTYPE is not accepted (no DTD, no entities)");
                }
            }
            case BANG_DASH -> {
                state = b == '-' ? State.COMMENT : State.TAG;
                closing = 0;
            }
            case TAG -> {
                if (b == '>') {
                    begin(State.TEXT);
                } else {
                    if (b == '"' || b == '\'') {
                        quote = b;
                        state = State.QUOTED;
                    }
                    check("a tag");
                }
            }
            case QUOTED -> {
                if (b == quote) {
                    state = State.TAG;
                }
                check("an attribute value");
            }
            case COMMENT -> {
                if (b == '>' && closing >= 2) {
                    begin(State.TEXT);
                } else {
                    closing = b == '-' ? closing + 1 : 0;
                    check("a comment");
                }
            }
            case PI -> {
                if (b == '>' && closing == 1) {
                    begin(State.TEXT);
                } else {
                    closing = b == '?' ? 1 : 0;
                    check("a processing instruction");
                }
            }
            case CDATA -> {
                if (b == '>' && closing >= 2) {
                    begin(State.TEXT);
                } else {
                    closing = b == ']' ? closing + 1 : 0;
                    check("a CDATA section");
                }
            }
        }
    }

    private void begin(State next) {
        state = next;
        length = 0;
        closing = 0;
    }

    private void check(String what) throws LimitExceeded {
        if (length > limit) {
            throw refuse(what + " longer than " + limit + " bytes");
        }
    }

    /** Kept, because parsers wrap an input's IOException without always keeping it as the cause. */
    private LimitExceeded refuse(String problem) {
        refusal = new LimitExceeded(line, problem);
        return refusal;
    }

    /** Why this input stopped the parser, or null. */
    LimitExceeded refusal() {
        return refusal;
    }
}
