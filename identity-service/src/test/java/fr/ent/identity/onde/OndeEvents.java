package fr.ent.identity.onde;

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
import fr.ent.testsupport.TestKafka;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** ONDE's events as onde-sync-service publishes them, sent by a test onto the run's {@code onde.changes}. */
public final class OndeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String uai;
    private final String academy;

    public OndeEvents(String uai, String academy) {
        this.uai = uai;
        this.academy = academy;
    }

    public void school(String name) {
        send(EventTypes.ONDE_SCHOOL_UPSERTED, new SchoolUpserted(uai, name, "ECOLE ELEMENTAIRE PUBLIQUE", academy,
                "Académie " + academy, "Ville", "Circonscription", false));
    }

    public void roster(String year, String classId, OndePupil... pupils) {
        send(EventTypes.ONDE_CLASS_UPSERTED, new OndeClass(uai, year, classId, "Classe " + classId, List.of("CM1"),
                Arrays.asList(pupils)));
    }

    public void classRemoved(String year, String classId) {
        send(EventTypes.ONDE_CLASS_REMOVED, new OndeClass.Removed(uai, year, classId));
    }

    public void responsables(OndeResponsable... responsables) {
        send(EventTypes.ONDE_RESPONSABLES_UPSERTED, new OndeResponsable.Upserted(uai, Arrays.asList(responsables)));
    }

    public void responsableRemoved(String id) {
        send(EventTypes.ONDE_RESPONSABLE_REMOVED, new OndeResponsable.Removed(uai, id));
    }

    public void staff(String id, String first, String last, boolean teacher, boolean director) {
        send(EventTypes.ONDE_STAFF_UPSERTED, new OndeStaff(uai, id, "M.", last, first,
                first.toLowerCase() + "." + last.toLowerCase() + "@ac-test.fr", teacher, director));
    }

    public void pupilLeft(String year, String pupilId) {
        send(EventTypes.ONDE_PUPIL_LEFT, new OndePupil.Left(uai, year, pupilId));
    }

    /** The import's marker for the school; returns the import id the acknowledgement names. */
    public UUID completed(String year, boolean complete) {
        UUID importId = UUID.randomUUID();
        send(EventTypes.ONDE_SCHOOL_IMPORT_COMPLETED, new SchoolImportCompleted(importId, uai, year, complete,
                new SchoolImportCompleted.Counts(0, 0, 0, 0, 0, 0)));
        return importId;
    }

    public static OndePupil pupil(String id, String first, String last, String... responsables) {
        return new OndePupil(id, null, first, last, "2010-05-06", "CM1", Arrays.stream(responsables)
                .map(r -> new OndePupil.Link(r, "10", true)).toList());
    }

    public static OndeResponsable responsable(String id, String first, String last) {
        return new OndeResponsable(id, OndeResponsable.PERSON, "Mme", last, first, null, null, null, null);
    }

    private void send(String type, Object payload) {
        try {
            TestKafka.sendEvent(TestKafka.topic(Topics.ONDE_CHANGES), uai, UUID.randomUUID(), type,
                    JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
