package fr.ent.support.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A consumed record read as an event of the suite: its CloudEvents id and type, key and JSON payload. */
public record IncomingEvent(UUID id, String type, String key, String payload, String origin) {

    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        String origin = record.topic() + "/" + record.partition() + "@" + record.offset();
        String id = header(record, CloudEventHeaders.ID, origin);
        String type = header(record, CloudEventHeaders.TYPE, origin);
        if (record.value() == null) {
            throw new MalformedEventException("record " + origin + " (" + type + ") has no value");
        }
        try {
            return new IncomingEvent(UUID.fromString(id), type, record.key(), record.value(), origin);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("record " + origin + " has a ce_id that is not a UUID: " + id, e);
        }
    }

    /**
     * Refuses an event of a type nothing publishes any more ({@code EventTypes.RETIRED}: published before an upgrade,
     * not yet consumed), which goes to the dead letters with the reason rather than being skipped silently.
     */
    public void refuseRetired() {
        if (fr.ent.contracts.EventTypes.RETIRED.contains(type)) {
            throw new MalformedEventException("record " + origin + " is of the retired type " + type + " (README, "
                    + "\"Events\"): published before the class rosters; the school's next import republishes them");
        }
    }

    /** The payload as the event's record type; a payload that does not fit is a malformed event. */
    public <T> T payloadAs(Class<T> type, ObjectMapper json) {
        try {
            return json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("record " + origin + " (" + this.type + ") is not a valid "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name, String origin) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            throw new MalformedEventException("record " + origin + " has no " + name + " header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
