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

    /** A class with its roster; returns the event's id. */
    static UUID schoolClass(String uai, String year, String classId, String name, List<String> levels,
            OndePupil... pupils) {
        return send(uai, EventTypes.ONDE_CLASS_UPSERTED, roster(uai, year, classId, name, levels, pupils));
    }

    static OndeClass roster(String uai, String year, String classId, String name, List<String> levels,
            OndePupil... pupils) {
        return new OndeClass(uai, year, classId, name, levels, List.of(pupils));
    }

    static void teacher(String uai, String staffId, boolean director) {
        send(uai, EventTypes.ONDE_STAFF_UPSERTED, new OndeStaff(uai, staffId, "Mme", "Nom-" + staffId, "Prénom",
                staffId.toLowerCase() + "@ac-test.fr", true, director));
    }

    /** A CP pupil linked to one responsable (their mother, with parental authority), for a roster. */
    static OndePupil pupil(String pupilId, String first, String last, String responsableId) {
        return new OndePupil(pupilId, "123456789AB", first, last, "2012-05-01", "CP",
                List.of(new OndePupil.Link(responsableId, "10", true)));
    }

    /** A responsable of pupils of the school (a mother), published before the rosters that link to them. */
    static void responsable(String uai, String responsableId, String lastName) {
        send(uai, EventTypes.ONDE_RESPONSABLES_UPSERTED, new OndeResponsable.Upserted(uai, List.of(new OndeResponsable(
                responsableId, OndeResponsable.PERSON, "Mme", lastName, "Maman", null, null, null, null))));
    }

    static void marker(String uai, String year, UUID importId) {
        send(uai, EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED, new SchoolImportCompleted(importId, uai, year, true,
                new SchoolImportCompleted.Counts(0, 0, 0, 0, 0, 0)));
    }
}
