package fr.ent.identity.sheet;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.support.messaging.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** The teachers of classes, from class-service's {@code teacher-assigned}: who may make a class's connection sheets. */
@ApplicationScoped
public class ClassEventsConsumer {

    static final String CHANNEL = "class-events";
    static final String CONSUMER = "identity-service." + CHANNEL;

    private final Inbox inbox;
    private final TeacherClasses teachers;

    public ClassEventsConsumer(Inbox inbox, TeacherClasses teachers) {
        this.inbox = inbox;
        this.teachers = teachers;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, EventTypes.CLASS_TEACHER_ASSIGNED, TeacherAssigned.class,
                t -> teachers.assigned(t.uai(), t.schoolYear(), t.classId(), t.teacherId()));
    }
}
