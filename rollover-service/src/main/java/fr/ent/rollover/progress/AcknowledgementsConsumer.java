package fr.ent.rollover.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.rollover.config.Participants;
import fr.ent.rollover.notification.ReadySchools;
import fr.ent.rollover.switchover.Switchovers;
import fr.ent.support.messaging.BatchConsumer;
import fr.ent.support.messaging.IncomingEvent;
import fr.ent.support.messaging.MalformedEventException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * SEQ-3: every participant's acknowledgements ({@code ent.rollover.participants.<name>.year-switch-applied}), each
 * recorded once per switchover, participant and school (a redelivery changes nothing). A switchover whose every
 * school is acknowledged by every participant is completed in the same transaction. Their {@code import-applied}
 * acknowledgements make schools ready for a school year (and notify their directeurs).
 */
@ApplicationScoped
public class AcknowledgementsConsumer {

    static final String CHANNEL = "acknowledgements";
    private static final Logger LOG = Logger.getLogger(AcknowledgementsConsumer.class);

    private final BatchConsumer batches;
    private final SwitchoverProgress progress;
    private final Switchovers switchovers;
    private final ObjectMapper json;
    private final Participants participants;
    private final SchoolReadiness readiness;
    private final ReadySchools readySchools;

    public AcknowledgementsConsumer(BatchConsumer batches, SwitchoverProgress progress, Switchovers switchovers,
            ObjectMapper json, Participants participants, SchoolReadiness readiness, ReadySchools readySchools) {
        this.batches = batches;
        this.progress = progress;
        this.switchovers = switchovers;
        this.json = json;
        this.participants = participants;
        this.readiness = readiness;
        this.readySchools = readySchools;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return batches.applyAll(batch, records -> {
            Set<UUID> touched = new LinkedHashSet<>();
            for (ConsumerRecord<String, String> record : records) {
                UUID switchover = apply(record);
                if (switchover != null) {
                    touched.add(switchover);
                }
            }
            for (UUID id : touched) {
                if (progress.complete(id, participants.names()) && switchovers.markCompleted(id, Instant.now())) {
                    LOG.infof("switchover %s completed: every participant applied it to every school", id);
                }
            }
        });
    }

    /** The switchover an acknowledgement is for, or null when the record is not one. */
    private UUID apply(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        Optional<String> importParticipant = participants.ofImportApplied(event.type());
        if (importParticipant.isPresent()) {
            importApplied(event, importParticipant.get(), read(event));
            return null;
        }
        String participant = participants.ofYearSwitchApplied(event.type()).orElse(null);
        if (participant == null) {
            return null; // a participant's other events
        }
        JsonNode payload = read(event);
        UUID switchoverId;
        try {
            switchoverId = UUID.fromString(payload.path("switchoverId").asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(event.origin() + " (" + event.type() + ") has no switchoverId", e);
        }
        String uai = payload.path("uai").asText(null);
        if (uai == null) {
            throw new MalformedEventException(event.origin() + " (" + event.type() + ") has no uai");
        }
        if (!progress.acknowledge(switchoverId, participant, uai, Instant.now(), event.payload())) {
            LOG.debugf("%s: acknowledgement of switchover %s by %s for %s already recorded, or switchover unknown",
                    event.origin(), switchoverId, participant, uai);
        }
        return switchoverId;
    }

    /** A participant applied an import to a school: the school may be ready now, and its directeur told. */
    private void importApplied(IncomingEvent event, String participant, JsonNode payload) {
        UUID importId;
        try {
            importId = UUID.fromString(payload.path("importId").asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(event.origin() + " (" + event.type() + ") has no importId", e);
        }
        String uai = payload.path("uai").asText(null);
        String year = payload.path("schoolYear").asText(null);
        if (uai == null || year == null) {
            throw new MalformedEventException(event.origin() + " (" + event.type() + ") has no uai or schoolYear");
        }
        Instant now = Instant.now();
        readiness.applied(importId, participant, uai, year, now);
        readySchools.check(importId, uai, now);
    }

    private JsonNode read(IncomingEvent event) {
        try {
            return json.readTree(event.payload());
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(event.origin() + " (" + event.type() + ") is not JSON", e);
        }
    }
}
