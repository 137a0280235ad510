package fr.ent.rollover.school;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.onde.OndeStaff;
import fr.ent.contracts.onde.SchoolRemoved;
import fr.ent.contracts.onde.SchoolImportCompleted;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.rollover.notification.ReadySchools;
import fr.ent.rollover.progress.SchoolReadiness;
import java.time.Instant;
import fr.ent.support.messaging.BatchConsumer;
import fr.ent.support.messaging.IncomingEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The schools of each académie and their staff (whom notifications are e-mailed to) from {@code onde.changes}, and
 * each import's {@code import.school-completed} markers
 * (a school is ready once every participant applied the import: its directeur is notified); every other type is
 * passed over. Each of these carries state or is recorded once, so applying one twice (a redelivery) changes
 * nothing: no inbox is needed.
 */
@ApplicationScoped
public class OndeSchoolsConsumer {

    static final String CHANNEL = "onde-changes";

    private final BatchConsumer batches;
    private final Schools schools;
    private final Staff staff;
    private final SchoolReadiness readiness;
    private final ReadySchools readySchools;
    private final ObjectMapper json;

    public OndeSchoolsConsumer(BatchConsumer batches, Schools schools, Staff staff, SchoolReadiness readiness,
            ReadySchools readySchools, ObjectMapper json) {
        this.batches = batches;
        this.schools = schools;
        this.staff = staff;
        this.readiness = readiness;
        this.readySchools = readySchools;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        return batches.apply(batch, this::apply);
    }

    private void apply(ConsumerRecord<String, String> record) {
        IncomingEvent event = IncomingEvent.from(record);
        switch (event.type()) {
            case EventTypes.ONDE_SCHOOL_UPSERTED -> schools.upsert(event.payloadAs(SchoolUpserted.class, json));
            case EventTypes.ONDE_SCHOOL_REMOVED -> {
                String uai = event.payloadAs(SchoolRemoved.class, json).uai();
                schools.removed(uai);
                staff.schoolRemoved(uai);
            }
            case EventTypes.ONDE_STAFF_UPSERTED -> staff.upsert(event.payloadAs(OndeStaff.class, json));
            case EventTypes.ONDE_STAFF_REMOVED -> staff.removed(event.payloadAs(OndeStaff.Removed.class, json));
            case EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED -> {
                SchoolImportCompleted marker = event.payloadAs(SchoolImportCompleted.class, json);
                Instant now = Instant.now();
                readiness.marker(marker.importId(), marker.uai(), marker.schoolYear(), now);
                readySchools.check(marker.importId(), marker.uai(), now);
            }
            default -> {
                // rosters, responsables, pupils who left: not rollover-service's
            }
        }
    }
}
