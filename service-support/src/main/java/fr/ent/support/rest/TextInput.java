package fr.ent.support.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Every string of every JSON body, in every service, is read through one rule: no NUL or other control character
 * (tab, line feed and carriage return excepted), and no string longer than {@value #MAX_STRING_LENGTH} characters
 * (fields have their own, smaller limits). A string that breaks it is a 400 naming the property, never a database
 * error later on.
 */
@Singleton
public class TextInput implements ObjectMapperCustomizer {

    public static final int MAX_STRING_LENGTH = 100_000;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(MAX_STRING_LENGTH).maxNestingDepth(100).build());
        mapper.registerModule(new SimpleModule("ent-text-input").addDeserializer(String.class, new CheckedStrings()));
    }

    /**
     * The offending character's position, or -1 when the text is clean. Every string of every event and body goes
     * through it: taking a String rather than any CharSequence lets the compiler inline its charAt (three times faster
     * under C1, which the consumers run).
     */
    public static int controlCharacterAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f || c == 0xfffe || c == 0xffff) {
                return i;
            }
        }
        return -1;
    }

    private static final class CheckedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null) {
                int at = controlCharacterAt(value);
                if (at >= 0) {
                    throw InvalidFormatException.from(parser, String.format(
                            "control character U+%04X at position %d is not accepted", (int) value.charAt(at), at),
                            null, String.class);
                }
            }
            return value;
        }
    }
}
