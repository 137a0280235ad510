package fr.ent.identity.onde;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.identity.IdentityEvents;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.contracts.onde.OndeResponsable;
import fr.ent.contracts.onde.OndeStaff;
import fr.ent.contracts.onde.SchoolImportCompleted;
import fr.ent.contracts.onde.SchoolRemoved;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.identity.account.AccountEvents;
import fr.ent.identity.account.Accounts;
import fr.ent.identity.account.Kind;
import fr.ent.identity.account.PersonFacts;
import fr.ent.support.jdbc.FreshTables;
import fr.ent.support.messaging.BatchConsumer;
import fr.ent.support.messaging.IncomingEvent;
import fr.ent.support.messaging.Inbox;
import fr.ent.support.messaging.Outbox;
import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Accounts from {@code onde.changes}, a polled batch in one transaction: first who belongs where, in order, then an
 * account with its login for every person the batch names who has none (IDN-2, IDN-3: never a second one), made with
 * the schools and roles these memberships give, then the state of everybody else touched — a pupil who left, a
 * responsable left with no eligible child, staff who left every school: disabled at once. No password is made here:
 * an import never waits on password hashing. Each {@code import.school-completed} marker is acknowledged
 * ({@code fr.ent.identity.import-applied.v1}) after everything before it.
 */
@ApplicationScoped
public class OndeChangesConsumer {

    static final String CHANNEL = "onde-changes";
    static final String CONSUMER = "identity-service." + CHANNEL;

    private final Inbox inbox;
    private final BatchConsumer batches;
    private final Accounts accounts;
    private final Memberships memberships;
    private final IdentitySchools schools;
    private final AccountEvents events;
    private final Outbox outbox;
    private final ObjectMapper json;
    /** The tables a first import fills whose statements find rows by key (see FreshTables). */
    private final FreshTables fresh;

    public OndeChangesConsumer(Inbox inbox, BatchConsumer batches, Accounts accounts, Memberships memberships,
            IdentitySchools schools, AccountEvents events, Outbox outbox, ObjectMapper json,
            AgroalDataSource dataSource) {
        this.inbox = inbox;
        this.batches = batches;
        this.accounts = accounts;
        this.memberships = memberships;
        this.schools = schools;
        this.events = events;
        this.outbox = outbox;
        this.json = json;
        this.fresh = new FreshTables(dataSource, List.of("class_pupil", "pupil_responsable", "account"));
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        fresh.nudge();
        return batches.applyAll(batch, records -> apply(inbox.firstDeliveries(CONSUMER, records)));
    }

    private void apply(List<IncomingEvent> events) {
        List<Object> payloads = new ArrayList<>(events.size());
        List<PersonFacts> people = new ArrayList<>();
        for (IncomingEvent event : events) {
            Object payload = read(event);
            payloads.add(payload);
            people.addAll(facts(payload));
        }
        Map<String, String> touched = new HashMap<>();
        List<SchoolImportCompleted> markers = new ArrayList<>();
        // Consecutive rosters, and consecutive staff, are applied together (an import publishes them one after
        // another); any other event first applies what was gathered before it, so that order is kept.
        List<OndeClass> rosters = new ArrayList<>();
        List<OndeStaff> staff = new ArrayList<>();
        for (Object payload : payloads) {
            if (payload instanceof OndeClass roster) {
                flushStaff(staff, touched);
                rosters.add(roster);
            } else if (payload instanceof OndeStaff member) {
                flushRosters(rosters, touched);
                staff.add(member);
            } else {
                flushRosters(rosters, touched);
                flushStaff(staff, touched);
                apply(payload, touched, markers);
            }
        }
        flushRosters(rosters, touched);
        flushStaff(staff, touched);
        // Accounts are made once the batch's memberships are applied, with the schools and roles these give: an
        // import's new accounts are written once. One that belongs nowhere is refreshed like any other (disabled).
        List<Accounts.Created> created = accounts.ensure(people);
        for (Accounts.Created c : created) {
            if (c.belongs()) {
                touched.remove(c.personId());
            } else {
                touched.putIfAbsent(c.personId(), c.uai());
            }
        }
        Accounts.Transitions transitions = accounts.refresh(touched);
        this.events.created(created);
        this.events.disabled(transitions.disabled());
        this.events.enabled(transitions.enabled());
        for (SchoolImportCompleted marker : markers) {
            outbox.publish(Topics.IDENTITY_EVENTS, marker.uai(), EventTypes.IDENTITY_IMPORT_APPLIED, marker.uai(),
                    new IdentityEvents.ImportApplied(marker.importId(), marker.uai(), marker.schoolYear()));
        }
    }

    private Object read(IncomingEvent event) {
        event.refuseRetired();
        return switch (event.type()) {
            case EventTypes.ONDE_SCHOOL_UPSERTED -> event.payloadAs(SchoolUpserted.class, json);
            case EventTypes.ONDE_SCHOOL_REMOVED -> event.payloadAs(SchoolRemoved.class, json);
            case EventTypes.ONDE_CLASS_UPSERTED -> event.payloadAs(OndeClass.class, json);
            case EventTypes.ONDE_CLASS_REMOVED -> event.payloadAs(OndeClass.Removed.class, json);
            case EventTypes.ONDE_PUPIL_LEFT -> event.payloadAs(OndePupil.Left.class, json);
            case EventTypes.ONDE_RESPONSABLES_UPSERTED -> event.payloadAs(OndeResponsable.Upserted.class, json);
            case EventTypes.ONDE_RESPONSABLE_REMOVED -> event.payloadAs(OndeResponsable.Removed.class, json);
            case EventTypes.ONDE_STAFF_UPSERTED -> event.payloadAs(OndeStaff.class, json);
            case EventTypes.ONDE_STAFF_REMOVED -> event.payloadAs(OndeStaff.Removed.class, json);
            case EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED -> event.payloadAs(SchoolImportCompleted.class, json);
            default -> event; // a type this service does not read: recorded in the inbox, nothing else
        };
    }

    /** The people an event describes, for their accounts. */
    private static List<PersonFacts> facts(Object payload) {
        if (payload instanceof OndeClass roster) {
            return roster.pupils().stream().map(p -> new PersonFacts(p.pupilId(), Kind.PUPIL, p.firstName(),
                    p.lastName(), null, roster.uai())).toList();
        }
        if (payload instanceof OndeResponsable.Upserted upserted) {
            return upserted.responsables().stream().map(r -> new PersonFacts(r.responsableId(), Kind.PARENT,
                    r.firstName(), r.lastName(), r.email(), upserted.uai())).toList();
        }
        if (payload instanceof OndeStaff staff) {
            return List.of(new PersonFacts(staff.staffId(), Kind.STAFF, staff.firstName(), staff.lastName(),
                    staff.email(), staff.uai()));
        }
        return List.of();
    }

    private void apply(Object payload, Map<String, String> touched, List<SchoolImportCompleted> markers) {
        if (payload instanceof SchoolUpserted school) {
            schools.upsert(school.uai(), school.academyCode(), school.name());
        } else if (payload instanceof SchoolRemoved removed) {
            touch(touched, removed.uai(), memberships.schoolRemoved(removed.uai()));
        } else if (payload instanceof OndeClass.Removed removed) {
            touch(touched, removed.uai(), memberships.classRemoved(removed));
        } else if (payload instanceof OndePupil.Left left) {
            touch(touched, left.uai(), memberships.pupilLeft(left));
        } else if (payload instanceof OndeResponsable.Upserted upserted) {
            touch(touched, upserted.uai(), memberships.responsables(upserted));
        } else if (payload instanceof OndeResponsable.Removed removed) {
            touch(touched, removed.uai(), memberships.responsableRemoved(removed));
        } else if (payload instanceof OndeStaff.Removed removed) {
            touch(touched, removed.uai(), memberships.staffRemoved(removed));
        } else if (payload instanceof SchoolImportCompleted marker) {
            if (marker.complete()) {
                touch(touched, marker.uai(), memberships.completeExportOf(marker.uai(), marker.schoolYear()));
            }
            markers.add(marker);
        }
    }

    private void flushRosters(List<OndeClass> rosters, Map<String, String> touched) {
        if (!rosters.isEmpty()) {
            touched.putAll(memberships.rosters(rosters));
            rosters.clear();
        }
    }

    private void flushStaff(List<OndeStaff> staff, Map<String, String> touched) {
        if (!staff.isEmpty()) {
            Map<String, String> schoolOf = new HashMap<>();
            staff.forEach(s -> schoolOf.put(s.staffId(), s.uai()));
            memberships.staff(staff).forEach(s -> touched.put(s, schoolOf.get(s)));
            staff.clear();
        }
    }

    private static void touch(Map<String, String> touched, String uai, List<String> people) {
        people.forEach(p -> touched.put(p, uai));
    }
}
