package fr.ent.onde.school;

import static fr.ent.support.security.Roles.OPERATEUR;

import fr.ent.contracts.onde.SchoolUpserted;
import fr.ent.support.rest.InvalidInputException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * An operator's correction of one school, published like an ONDE change. The ONDE import is the usual door for
 * schools; this endpoint is for the cases it cannot serve (and, until the import lands, for the first events).
 */
@Path("/api/schools")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class SchoolResource {

    public record SchoolInput(String name, String type, String academyCode, String academy, String town,
            String district, boolean departmental) {
    }

    /** {@code changed} is false, and no event published, when the school was already exactly so. */
    public record Recorded(String uai, boolean changed, UUID eventId) {
    }

    @Inject
    SchoolRecorder recorder;

    @PUT
    @Path("/{uai}")
    @RolesAllowed(OPERATEUR)
    public Recorded put(@PathParam("uai") String uai, SchoolInput input) {
        if (input == null) {
            throw new InvalidInputException("a JSON body with the school is required");
        }
        SchoolUpserted school = new SchoolUpserted(uai, input.name(), input.type(), input.academyCode(),
                input.academy(), input.town(), input.district(), input.departmental());
        UUID eventId = recorder.record(school).orElse(null);
        return new Recorded(uai, eventId != null, eventId);
    }
}
