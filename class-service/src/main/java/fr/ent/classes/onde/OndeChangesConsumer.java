package fr.ent.classes.onde;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.classes.school.SchoolChanges;
import fr.ent.classes.structure.Structures;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.Acknowledgement;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.contracts.onde.OndeResponsable;
import fr.ent.contracts.onde.OndeStaff;
import fr.ent.contracts.onde.SchoolImportCompleted;
import fr.ent.contracts.onde.SchoolRemoved;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.support.messaging.BatchConsumer;
import fr.ent.support.messaging.IncomingEvent;
import fr.ent.support.messaging.Inbox;
import fr.ent.support.messaging.Outbox;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies {@code onde.changes} to class-service's structures, in order per school (a class's roster replaces what
 * was known of the class). The
 * effect and the record of the event id commit together, so a redelivered event changes nothing; a record that
 * throws goes to the dead-letter topic with the reason, and the next one is applied. Each
 * {@code import.school-completed} marker is acknowledged ({@code fr.ent.class.import-applied.v1}) once it is reached:
 * everything before it on the school's partition is applied by then.
 */
@ApplicationScoped
public class OndeChangesConsumer {

    static final String CHANNEL = "onde-changes";
    static final String CONSUMER = "class-service." + CHANNEL;
    private static final Logger LOG = Logger.getLogger(OndeChangesConsumer.class);

    private final Inbox inbox;
    private final BatchConsumer batches;
    private final SchoolChanges schools;
    private final Structures structures;
    private final Outbox outbox;
    private final ObjectMapper json;

    public OndeChangesConsumer(Inbox inbox, BatchConsumer batches, SchoolChanges schools, Structures structures,
            Outbox outbox, ObjectMapper json) {
        this.inbox = inbox;
        this.batches = batches;
        this.schools = schools;
        this.structures = structures;
        this.outbox = outbox;
        this.json = json;
    }

    /**
     * A polled batch in one transaction: its event ids recorded in one statement, its writes sent in batches; a
     * failing record is retried alone and dead-lettered (BatchConsumer).
     */
    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return batches.applyAll(batch, records -> inbox.firstDeliveries(CONSUMER, records).forEach(this::apply));
    }

    private void apply(IncomingEvent event) {
        switch (event.type()) {
            case EventTypes.ONDE_SCHOOL_UPSERTED -> schools.upsert(as(event, SchoolUpserted.class));
            case EventTypes.ONDE_SCHOOL_REMOVED -> structures.schoolRemoved(as(event, SchoolRemoved.class));
            case EventTypes.ONDE_CLASS_UPSERTED -> structures.classUpserted(as(event, OndeClass.class));
            case EventTypes.ONDE_CLASS_REMOVED -> structures.classRemoved(as(event, OndeClass.Removed.class));
            case EventTypes.ONDE_PUPIL_LEFT -> structures.pupilLeft(as(event, OndePupil.Left.class));
            case EventTypes.ONDE_RESPONSABLES_UPSERTED ->
                structures.responsablesUpserted(as(event, OndeResponsable.Upserted.class));
            case EventTypes.ONDE_RESPONSABLE_REMOVED -> structures.responsableRemoved(as(event, OndeResponsable.Removed.class));
            case EventTypes.ONDE_STAFF_UPSERTED -> structures.staffUpserted(as(event, OndeStaff.class));
            case EventTypes.ONDE_STAFF_REMOVED -> structures.staffRemoved(as(event, OndeStaff.Removed.class));
            case EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED -> {
                SchoolImportCompleted marker = as(event, SchoolImportCompleted.class);
                outbox.publish(Topics.CLASS_EVENTS, marker.uai(), EventTypes.CLASS_IMPORT_APPLIED, marker.uai(),
                        new Acknowledgement.ImportApplied(marker.importId(), marker.uai(), marker.schoolYear()));
            }
            default -> {
                event.refuseRetired();
                LOG.debugf("event type %s is not for class-service (%s)", event.type(), event.origin());
            }
        }
    }

    private <T> T as(IncomingEvent event, Class<T> type) {
        return event.payloadAs(type, json);
    }
}
