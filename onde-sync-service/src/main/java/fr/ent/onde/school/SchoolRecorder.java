package fr.ent.onde.school;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.Uai;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.support.messaging.Outbox;
import fr.ent.support.rest.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/**
 * Records a school and, in the same transaction, the {@code school.upserted} event that tells the other services —
 * only when something changed (ONDE-4: the same data twice publishes nothing).
 */
@ApplicationScoped
public class SchoolRecorder {

    private final Outbox outbox;
    private final OndeSchools schools;

    public SchoolRecorder(Outbox outbox, OndeSchools schools) {
        this.outbox = outbox;
        this.schools = schools;
    }

    /** The id of the published event; empty when the school was already exactly so. */
    @Transactional
    public Optional<UUID> record(SchoolUpserted school) {
        check(school);
        if (schools.find(school.uai()).filter(school::equals).isPresent()) {
            return Optional.empty();
        }
        schools.save(school);
        return Optional.of(outbox.publish(Topics.ONDE_CHANGES, school.uai(), EventTypes.ONDE_SCHOOL_UPSERTED,
                school.uai(), school));
    }

    private static void check(SchoolUpserted school) {
        if (!Uai.isValid(school.uai())) {
            throw new InvalidInputException("uai: '" + school.uai() + "' is not a valid UAI (7 digits and the key letter)");
        }
        if (school.name() == null || school.name().isBlank()) {
            throw new InvalidInputException("name: a school needs a name");
        }
        if (school.academyCode() == null || school.academyCode().isBlank() || school.academyCode().length() > 8) {
            throw new InvalidInputException("academyCode: required, at most 8 characters");
        }
    }
}
