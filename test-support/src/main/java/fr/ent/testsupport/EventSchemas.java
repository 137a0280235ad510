package fr.ent.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import fr.ent.contracts.EventTypes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** Checks a published payload against the JSON Schema of its event type, from event-contracts. */
public final class EventSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private EventSchemas() {
    }

    /** The violations of the schema; empty when the payload is valid. */
    public static Set<ValidationMessage> violations(String type, String payload) {
        String path = EventTypes.schemaPath(type);
        try (InputStream schema = EventTypes.class.getClassLoader().getResourceAsStream(path)) {
            if (schema == null) {
                throw new IllegalStateException("no JSON Schema for " + type + " at " + path);
            }
            JsonSchema jsonSchema = FACTORY.getSchema(schema);
            return jsonSchema.validate(JSON.readTree(payload));
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + path + " or the payload", e);
        }
    }
}
