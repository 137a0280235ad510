package fr.ent.content.space;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.content.ContentAcknowledgement;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.SchoolImportCompleted;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.support.messaging.BatchConsumer;
import fr.ent.support.messaging.IncomingEvent;
import fr.ent.support.messaging.Inbox;
import fr.ent.support.messaging.Outbox;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Class spaces and their pupils and responsables, and school spaces, from {@code onde.changes}, in order per school; each
 * {@code import.school-completed} marker is acknowledged ({@code fr.ent.content.import-applied.v1}) once reached.
 * A redelivered event changes nothing (inbox); one that fails goes to the dead letters with the reason.
 */
@ApplicationScoped
public class OndeChangesConsumer {

    static final String CHANNEL = "onde-changes";
    static final String CONSUMER = "content-service." + CHANNEL;

    private final Inbox inbox;
    private final BatchConsumer batches;
    private final Spaces spaces;
    private final ContentSchools schools;
    private final Outbox outbox;
    private final ObjectMapper json;

    public OndeChangesConsumer(Inbox inbox, BatchConsumer batches, Spaces spaces, ContentSchools schools, Outbox outbox,
            ObjectMapper json) {
        this.inbox = inbox;
        this.batches = batches;
        this.spaces = spaces;
        this.schools = schools;
        this.outbox = outbox;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return batches.applyAll(batch, records -> inbox.firstDeliveries(CONSUMER, records).forEach(this::apply));
    }

    private void apply(IncomingEvent event) {
        switch (event.type()) {
            case EventTypes.ONDE_SCHOOL_UPSERTED -> {
                SchoolUpserted school = event.payloadAs(SchoolUpserted.class, json);
                schools.upsert(school.uai(), school.academyCode());
                spaces.school(school.uai(), school.name());
            }
            case EventTypes.ONDE_CLASS_UPSERTED -> spaces.classRoster(event.payloadAs(OndeClass.class, json));
            case EventTypes.ONDE_CLASS_REMOVED -> spaces.classRemoved(event.payloadAs(OndeClass.Removed.class, json));
            case EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED -> {
                SchoolImportCompleted marker = event.payloadAs(SchoolImportCompleted.class, json);
                outbox.publish(Topics.CONTENT_EVENTS, marker.uai(), EventTypes.CONTENT_IMPORT_APPLIED, marker.uai(),
                        new ContentAcknowledgement.ImportApplied(marker.importId(), marker.uai(), marker.schoolYear()));
            }
            default -> {
                // pupils who left are out of their class's roster; responsables' details and staff are not needed here
            }
        }
    }
}
