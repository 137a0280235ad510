package fr.ent.onde.aaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AafReaderTest {

    private static final String FILE = "ENT_0750654D_Complet_20180903_Eleve_0000.xml";

    private static final String PUPILS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ficAlimMENESR>
              <addRequest>
                <operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>
                <identifier><id>ELV-1</id></identifier>
                <attributes>
                  <attr name="ENTPersonJointure"><value>ELV-1</value></attr>
                  <attr name="ENTEleveINE"><value>123456789AB</value></attr>
                  <attr name="ENTPersonNom"><value>N'Diaye-Lefèvre</value></attr>
                  <attr name="ENTEleveAutoriteParentale"><value>RESP-1$10</value><value>RESP-2$20</value></attr>
                </attributes>
              </addRequest>
              <modifyRequest>
                <operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>
                <identifier><id>ELV-2</id></identifier>
                <modifications>
                  <modification name="ENTPersonClasses" operation="replace"><value>0750654D$CM1-A$CM1 A</value></modification>
                </modifications>
              </modifyRequest>
              <deleteRequest>
                <operationalAttributes><attr name="categoriePersonne"><value>Eleve</value></attr></operationalAttributes>
                <identifier><id>ELV-3</id></identifier>
              </deleteRequest>
            </ficAlimMENESR>
            """;

    @Test
    void readsAddModifyAndDeleteRequestsInOrder() throws Exception {
        List<AafEntry> entries = readAll(PUPILS);

        assertEquals(3, entries.size());
        AafEntry added = entries.get(0);
        assertEquals(AafEntry.Operation.ADD, added.operation());
        assertEquals("Eleve", added.category());
        assertEquals("ELV-1", added.id());
        assertEquals("N'Diaye-Lefèvre", added.value("ENTPersonNom"));
        assertEquals(List.of("RESP-1$10", "RESP-2$20"), added.values("ENTEleveAutoriteParentale"));
        assertEquals(3, added.line());
        assertEquals(AafEntry.Operation.MODIFY, entries.get(1).operation());
        assertEquals("0750654D$CM1-A$CM1 A", entries.get(1).value("ENTPersonClasses"));
        assertEquals(AafEntry.Operation.DELETE, entries.get(2).operation());
        assertEquals("ELV-3", entries.get(2).id());
    }

    @Test
    void aTruncatedFileIsRefusedWithItsLine() {
        String truncated = PUPILS.substring(0, PUPILS.indexOf("<modifyRequest>") + 40);
        AafFormatException error = assertThrows(AafFormatException.class, () -> readAll(truncated));
        assertTrue(error.getMessage().startsWith(FILE + " line "), error.getMessage());
        assertTrue(error.line() >= 13, error.getMessage());
    }

    @Test
    void malformedXmlIsRefusedWithFileAndLine() {
        String malformed = PUPILS.replace("<value>ELV-1</value></attr>", "<value>ELV-1</attr>");
        AafFormatException error = assertThrows(AafFormatException.class, () -> readAll(malformed));
        assertEquals(FILE, error.file());
        assertEquals(7, error.line());
    }

    @Test
    void aRequestWithoutIdentifierNamesItsLine() {
        String noId = PUPILS.replace("<identifier><id>ELV-2</id></identifier>", "");
        AafFormatException error = assertThrows(AafFormatException.class, () -> readAll(noId));
        assertEquals(13, error.line());
        assertTrue(error.getMessage().contains("no identifier/id"), error.getMessage());
    }

    @Test
    void onlyReplaceModificationsAreAccepted() {
        String add = PUPILS.replace("operation=\"replace\"", "operation=\"add\"");
        AafFormatException error = assertThrows(AafFormatException.class, () -> readAll(add));
        assertEquals("ENTPersonClasses", error.attribute());
    }

    @Test
    void anotherRootIsRefused() {
        AafFormatException error = assertThrows(AafFormatException.class,
                () -> readAll("<?xml version=\"1.0\"?><users><user/></users>"));
        assertTrue(error.getMessage().contains("root element must be ficAlimMENESR"), error.getMessage());
    }

    @Test
    void anExternalEntityIsNeverResolved(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE ficAlimMENESR [<!ENTITY s SYSTEM \"" + secret.toUri() + "\">]>\n"
                + PUPILS.substring(PUPILS.indexOf("<ficAlimMENESR>")).replace("ELV-1</id>", "&s;</id>");
        AafFormatException error = assertThrows(AafFormatException.class, () -> readAll(xxe));
        assertTrue(error.getMessage().contains("DOCTYPE is not accepted"), error.getMessage());
        assertFalse(error.getMessage().contains("TOP-SECRET"));
    }

    @Test
    void anEntityBombIsRefusedBeforeAnyExpansion() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE ficAlimMENESR [<!ENTITY a0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
        }
        bomb.append("]>\n<ficAlimMENESR><addRequest><identifier><id>&a9;</id></identifier></addRequest></ficAlimMENESR>");
        AafFormatException error = assertThrows(AafFormatException.class, () -> readAll(bomb.toString()));
        assertTrue(error.getMessage().contains("DOCTYPE is not accepted"), error.getMessage());
    }

    @Test
    void overlongValuesAreRefused() {
        String huge = PUPILS.replace("N'Diaye-Lefèvre", "x".repeat(300));
        AafFormatException error = assertThrows(AafFormatException.class, () -> readAll(huge));
        assertEquals("ENTPersonNom", error.attribute());
    }

    private static List<AafEntry> readAll(String xml) throws Exception {
        List<AafEntry> entries = new ArrayList<>();
        try (AafReader reader = AafReader.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), FILE, 256)) {
            for (Optional<AafEntry> entry = reader.next(); entry.isPresent(); entry = reader.next()) {
                entries.add(entry.get());
            }
        }
        return entries;
    }
}
