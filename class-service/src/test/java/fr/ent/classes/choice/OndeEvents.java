package fr.ent.classes.choice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.onde.OndeClass;
import fr.ent.contracts.onde.OndePupil;
import fr.ent.contracts.onde.OndeResponsable;
import fr.ent.contracts.onde.OndeStaff;
import fr.ent.contracts.onde.SchoolImportCompleted;
import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.testsupport.EventSchemas;
import fr.ent.testsupport.TestKafka;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** ONDE changes as onde-sync-service publishes them, sent to the test's broker (each checked against its schema). */
final class OndeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OndeEvents() {
    }

    static UUID send(String uai, String type, Object payload) {
        UUID id = UUID.randomUUID();
        send(uai, type, payload, id);
        return id;
    }

    static void send(String uai, String type, Object payload, UUID id) {
        try {
            String json = JSON.writeValueAsString(payload);
            if (!EventSchemas.violations(type, json).equals(Set.of())) {
                throw new IllegalArgumentException(type + " " + json + ": " + EventSchemas.violations(type, json));
            }
            TestKafka.sendEvent(TestKafka.topic(Topics.ONDE_CHANGES), uai, id, type, json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void school(String uai, String academy, boolean departmental) {
        send(uai, EventTypes.ONDE_SCHOOL_UPSERTED, new SchoolUpserted(uai, "ECOLE " + uai, "ECOLE PRIMAIRE PUBLIQUE",
                academy, "TEST", "Nantes", null, departmental));
    }

    static void schoolClass(String uai, String year, String classId, String name, String... levels) {
        send(uai, EventTypes.ONDE_CLASS_UPSERTED, new OndeClass(uai, year, classId, name, List.of(levels)));
    }

    static void teacher(String uai, String staffId, boolean director) {
        send(uai, EventTypes.ONDE_STAFF_UPSERTED, new OndeStaff(uai, staffId, "Mme", "Nom-" + staffId, "Prénom",
                staffId.toLowerCase() + "@ac-test.fr", true, director));
    }

    static OndePupil pupil(String uai, String year, String pupilId, String first, String last, String classId,
            String responsableId) {
        OndePupil pupil = new OndePupil(uai, year, pupilId, "123456789AB", first, last, "2012-05-01", classId, "CP",
                List.of(new OndePupil.Link(responsableId, "10", true)));
        send(uai, EventTypes.ONDE_RESPONSABLE_UPSERTED, new OndeResponsable(uai, responsableId, "PERSON", "Mme", last,
                "Maman", null, null, null, null, List.of(new OndeResponsable.Child(pupilId, "10", true))));
        send(uai, EventTypes.ONDE_PUPIL_ENROLLED, pupil);
        return pupil;
    }

    static void marker(String uai, String year, UUID importId) {
        send(uai, EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED, new SchoolImportCompleted(importId, uai, year, true,
                new SchoolImportCompleted.Counts(0, 0, 0, 0, 0, 0)));
    }
}
