package fr.ent.onde.school;

import fr.ent.support.rest.InvalidInputException;
import fr.ent.onde.imports.OndeConfig;
import fr.ent.support.validation.AcademyCode;
import fr.ent.support.validation.ValidUai;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import static fr.ent.support.security.Roles.OPERATEUR;

import fr.ent.contracts.onde.SchoolUpserted;
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

    public record SchoolInput(@NotBlank @Size(max = 255) String name, @Size(max = 64) String type,
            @AcademyCode String academyCode, @Size(max = 255) String academy, @Size(max = 255) String town,
            @Size(max = 255) String district, boolean departmental) {
    }

    /** {@code changed} is false, and no event published, when the school was already exactly so. */
    public record Recorded(String uai, boolean changed, UUID eventId) {
    }

    @Inject
    SchoolRecorder recorder;

    @Inject
    OndeConfig config;

    @PUT
    @Path("/{uai}")
    @RolesAllowed(OPERATEUR)
    public Recorded put(@PathParam("uai") @ValidUai String uai, @Valid @NotNull SchoolInput input) {
        if (input.academyCode() != null && !input.academyCode().equals(config.academyCode())) {
            throw new InvalidInputException("academyCode", "this service serves académie " + config.academyCode()
                    + ", not " + input.academyCode());
        }
        SchoolUpserted school = new SchoolUpserted(uai, input.name(), input.type(), input.academyCode(),
                input.academy(), input.town(), input.district(), input.departmental());
        UUID eventId = recorder.record(school).orElse(null);
        return new Recorded(uai, eventId != null, eventId);
    }
}
