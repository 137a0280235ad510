package fr.ent.content.space;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.classes.PartnershipChanged;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.contracts.classes.WorkGroupChanged;
import fr.ent.support.messaging.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * From class-service's {@code class.events}: the teachers of class spaces ({@code teacher-assigned}), work groups and
 * partnerships as they are now (CLS-4). Its other events (configured classes, acknowledgements) are not needed here.
 */
@ApplicationScoped
public class ClassEventsConsumer {

    static final String CHANNEL = "class-events";
    static final String CONSUMER = "content-service." + CHANNEL;
    /** The types applied; the others (configured classes, acknowledgements) change nothing here. */
    static final Set<String> APPLIED = Set.of(EventTypes.CLASS_TEACHER_ASSIGNED, EventTypes.CLASS_WORK_GROUP,
            EventTypes.CLASS_PARTNERSHIP);

    private final Inbox inbox;
    private final Spaces spaces;
    private final ObjectMapper json;

    public ClassEventsConsumer(Inbox inbox, Spaces spaces, ObjectMapper json) {
        this.inbox = inbox;
        this.spaces = spaces;
        this.json = json;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.firstDelivery(CONSUMER, record, APPLIED).ifPresent(event -> {
            switch (event.type()) {
                case EventTypes.CLASS_TEACHER_ASSIGNED -> {
                    TeacherAssigned t = event.payloadAs(TeacherAssigned.class, json);
                    spaces.teacher(t.uai(), t.schoolYear(), t.classId(), t.teacherId());
                }
                case EventTypes.CLASS_WORK_GROUP -> spaces.workGroup(event.payloadAs(WorkGroupChanged.class, json));
                case EventTypes.CLASS_PARTNERSHIP -> spaces.partnership(event.payloadAs(PartnershipChanged.class, json));
                default -> throw new IllegalStateException(event.type() + " is not one of " + APPLIED);
            }
        });
    }
}
