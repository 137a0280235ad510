package fr.ent.onde.aaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A crafted file whose one value, comment, processing instruction or attribute is gigabytes long is refused after
 * reading little more than the limit: the reader never holds it. Each hostile file here is endless, so a reader
 * that accumulated before checking would run out of memory instead of answering.
 */
class BoundedXmlInputTest {

    private static final String FILE = "ENT_17_Complet_20180903_Eleve_0000.xml";
    private static final int MAX_VALUE = 4096;
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ficAlimMENESR>\n  <addRequest>\n"
            + "    <operationalAttributes><attr name=\"categoriePersonne\"><value>Eleve</value></attr>"
            + "</operationalAttributes>\n    <identifier><id>ELV-1</id></identifier>\n    <attributes>\n";

    @Test
    void anEndlessValueIsRefusedAfterItsLimit() {
        assertRefusedEarly(HEAD + "      <attr name=\"ENTPersonNom\"><value>", 'A', "a text longer than");
    }

    @Test
    void anEndlessCommentIsRefusedEvenWithMarkupInside() {
        // '>' and '<' inside a comment do not end it: a guard that only looked for markup would be fooled.
        assertRefusedEarly(HEAD + "<!-- ", 'x', "a comment longer than", "x>y<z- ");
    }

    @Test
    void anEndlessProcessingInstructionIsRefused() {
        assertRefusedEarly(HEAD + "<?pi ", 'P', "a processing instruction longer than");
    }

    @Test
    void anEndlessAttributeValueIsRefused() {
        assertRefusedEarly(HEAD + "      <attr name=\"", 'N', "an attribute value longer than");
    }

    @Test
    void anEndlessCdataSectionIsRefused() {
        assertRefusedEarly(HEAD + "      <attr name=\"x\"><value><![CDATA[", 'C', "a CDATA section longer than");
    }

    @Test
    void aDoctypeIsRefusedAtItsFirstBytes() {
        CountingStream in = new CountingStream(endless("<?xml version=\"1.0\"?>\n<!DOCTYPE x [", " <!ENTITY a \"b\">"));
        AafFormatException error = assertThrows(AafFormatException.class, () -> readAll(in));
        assertTrue(error.getMessage().contains("DOCTYPE is not accepted"), error.getMessage());
        assertTrue(in.read < 64 * 1024, "read " + in.read + " bytes");
    }

    @Test
    void valuesUpToTheLimitAndLayoutAroundThemAreRead() throws Exception {
        String value = "É".repeat(MAX_VALUE);
        String xml = HEAD + "      <!-- a comment -->\n      <?pi some data?>\n"
                + "      <attr name=\"ENTPersonJointure\"><value>" + value + "</value></attr>\n"
                + "      <attr name=\"ENTPersonNom\"><value><![CDATA[Martin]]></value></attr>\n"
                + "    </attributes>\n  </addRequest>\n</ficAlimMENESR>\n";
        try (AafReader reader = AafReader.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), FILE,
                MAX_VALUE)) {
            AafEntry entry = reader.next().orElseThrow();
            assertEquals(value, entry.value("ENTPersonJointure"));
            assertEquals("Martin", entry.value("ENTPersonNom"));
            assertEquals(Optional.empty(), reader.next());
        }
    }

    @Test
    void tooManyValuesInOneRequestAreRefused() {
        StringBuilder xml = new StringBuilder(HEAD + "      <attr name=\"ENTPersonClasses\">");
        for (int i = 0; i <= AafReader.MAX_VALUES_PER_REQUEST; i++) {
            xml.append("<value>v</value>");
        }
        xml.append("</attr>\n    </attributes>\n  </addRequest>\n</ficAlimMENESR>\n");
        AafFormatException error = assertThrows(AafFormatException.class, () -> readAll(
                new ByteArrayInputStream(xml.toString().getBytes(StandardCharsets.UTF_8))));
        assertTrue(error.getMessage().contains("more than " + AafReader.MAX_VALUES_PER_REQUEST + " values"),
                error.getMessage());
    }

    private static void assertRefusedEarly(String head, char filler, String reason) {
        assertRefusedEarly(head, filler, reason, String.valueOf(filler));
    }

    private static void assertRefusedEarly(String head, char filler, String reason, String unit) {
        CountingStream in = new CountingStream(endless(head, unit.length() > 1 ? unit : String.valueOf(filler).repeat(64)));
        AafFormatException error = assertThrows(AafFormatException.class, () -> readAll(in));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
        assertFalse(error.getMessage().contains("not well-formed"), "the limit's own words: " + error.getMessage());
        assertTrue(error.line() > 0, "the line is named: " + error.getMessage());
        long limit = 4L * MAX_VALUE + 4096;
        assertTrue(in.read < limit + 256 * 1024, "read " + in.read + " bytes for a limit of " + limit);
    }

    private static void readAll(InputStream in) throws Exception {
        try (AafReader reader = AafReader.open(in, FILE, MAX_VALUE)) {
            while (reader.next().isPresent()) {
                // reading is the test
            }
        }
    }

    /** A head, then the unit repeated for ever. */
    private static InputStream endless(String head, String unit) {
        byte[] bytes = unit.getBytes(StandardCharsets.UTF_8);
        InputStream forever = new InputStream() {
            private int at;

            @Override
            public int read() {
                byte b = bytes[at];
                at = (at + 1) % bytes.length;
                return b & 0xff;
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), forever);
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws java.io.IOException {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws java.io.IOException {
            int n = super.read(buffer, offset, length);
            read += Math.max(n, 0);
            return n;
        }
    }
}
