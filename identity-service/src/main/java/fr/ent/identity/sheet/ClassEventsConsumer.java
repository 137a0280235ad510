package fr.ent.identity.sheet;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.classes.TeacherAssigned;
import fr.ent.identity.account.Accounts;
import fr.ent.identity.onde.Memberships;
import fr.ent.support.messaging.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The teachers of classes, from class-service's {@code teacher-assigned}: who may make a class's connection sheets. The
 * class's pupils and parents are then made in Keycloak ahead of their sheets (without a password), while the teacher
 * goes through the first connection: the sheets then only set passwords.
 */
@ApplicationScoped
public class ClassEventsConsumer {

    static final String CHANNEL = "class-events";
    static final String CONSUMER = "identity-service." + CHANNEL;

    private final Inbox inbox;
    private final TeacherClasses teachers;
    private final Memberships memberships;
    private final Accounts accounts;

    public ClassEventsConsumer(Inbox inbox, TeacherClasses teachers, Memberships memberships, Accounts accounts) {
        this.inbox = inbox;
        this.teachers = teachers;
        this.memberships = memberships;
        this.accounts = accounts;
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void consume(ConsumerRecord<String, String> record) {
        inbox.applyOnce(CONSUMER, record, EventTypes.CLASS_TEACHER_ASSIGNED, TeacherAssigned.class, t -> {
            teachers.assigned(t.uai(), t.schoolYear(), t.classId(), t.teacherId());
            List<String> people = new ArrayList<>(memberships.pupilsOf(t.uai(), t.schoolYear(), t.classId()));
            memberships.responsablesOf(t.uai(), t.schoolYear(), t.classId()).forEach(r -> people.add(r.personId()));
            accounts.wantedInKeycloak(people);
        });
    }
}
