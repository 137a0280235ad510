package fr.ent.content.space;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.support.messaging.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The teachers of class spaces, from class-service's {@code teacher-assigned} on {@code class.events}. */
@ApplicationScoped
public class ClassEventsConsumer {

    static final String CHANNEL = "class-events";
    static final String CONSUMER = "content-service." + CHANNEL;

    private final Inbox inbox;
    private final Spaces spaces;

    public ClassEventsConsumer(Inbox inbox, Spaces spaces) {
        this.inbox = inbox;
        this.spaces = spaces;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, EventTypes.CLASS_TEACHER_ASSIGNED, TeacherAssigned.class,
                t -> spaces.teacher(t.uai(), t.schoolYear(), t.classId(), t.teacherId()));
    }
}
