package fr.ent.classes.school;

import fr.ent.contracts.Uai;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.support.messaging.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Schools as ONDE describes them, applied inside the consumer's transaction. */
@ApplicationScoped
public class SchoolChanges {

    @Transactional(Transactional.TxType.MANDATORY)
    public void upsert(SchoolUpserted event) {
        if (!Uai.isValid(event.uai())) {
            throw new MalformedEventException("school.upserted with an invalid UAI: " + event.uai());
        }
        School school = School.findById(event.uai());
        boolean known = school != null;
        if (!known) {
            school = new School();
            school.uai = event.uai();
        }
        school.name = event.name();
        school.academyCode = event.academyCode();
        school.town = event.town();
        school.departmental = event.departmental();
        if (!known) {
            school.persist();
        }
    }
}
