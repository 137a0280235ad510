package fr.ent.support.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextInputTest {

    record Body(String name, List<String> ids) {
    }

    private final ObjectMapper json = mapper();

    @Test
    void cleanTextIncludingLayoutAndAccentsIsRead() throws Exception {
        Body body = json.readValue("{\"name\":\"École\\tJules\\nFerry\\r\",\"ids\":[\"Léa\"]}", Body.class);
        assertEquals("École\tJules\nFerry\r", body.name());
        assertEquals(List.of("Léa"), body.ids());
    }

    @Test
    void aNulOrControlCharacterAnywhereIsRefusedWithItsProperty() {
        InvalidFormatException inName = assertThrows(InvalidFormatException.class,
                () -> json.readValue("{\"name\":\"a\\u0000b\"}", Body.class));
        assertEquals("name", inName.getPath().get(0).getFieldName());
        assertTrue(inName.getOriginalMessage().contains("U+0000 at position 1"), inName.getOriginalMessage());
        InvalidFormatException inList = assertThrows(InvalidFormatException.class,
                () -> json.readValue("{\"ids\":[\"ok\",\"bell\\u0007\"]}", Body.class));
        assertEquals("ids", inList.getPath().get(0).getFieldName());
        assertEquals(1, inList.getPath().get(1).getIndex());
    }

    @Test
    void aStringLongerThanTheSuiteAcceptsIsRefusedWhileRead() {
        String tooLong = "x".repeat(TextInput.MAX_STRING_LENGTH + 1);
        com.fasterxml.jackson.databind.JsonMappingException error = assertThrows(
                com.fasterxml.jackson.databind.JsonMappingException.class,
                () -> json.readValue("{\"name\":\"" + tooLong + "\"}", Body.class));
        assertTrue(error.getCause() instanceof StreamConstraintsException, String.valueOf(error.getCause()));
        assertEquals("name", error.getPath().get(0).getFieldName());
    }

    @Test
    void controlCharacterAtNamesThePosition() {
        assertEquals(-1, TextInput.controlCharacterAt("Léa Martin\t"));
        assertEquals(3, TextInput.controlCharacterAt("abc\u001fdef"));
        assertEquals(0, TextInput.controlCharacterAt("\u007f"));
    }

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper();
        new TextInput().customize(mapper);
        return mapper;
    }
}
