package fr.ent.classes.partnerships;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;

import fr.ent.classes.partnerships.Partnerships.Found;
import fr.ent.classes.partnerships.Partnerships.Partnership;
import fr.ent.classes.structure.SchoolPeople;
import fr.ent.support.security.Caller;
import fr.ent.support.validation.ValidUai;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * CLS-4: partnerships between classes, joined by code. They end with the school year, except those of an école
 * départementale, which keep their code: classes of the whole département join them.
 */
@Path("/api/partnerships")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ENSEIGNANT, DIRECTEUR})
public class PartnershipsResource {

    public record NewPartnership(@NotNull @ValidUai String uai, @NotBlank @Size(max = 64) String classId,
            @NotBlank @Size(max = 255) String name) {
    }

    /** Joining a partnership with its code, for one of the caller's classes. */
    public record Join(@NotBlank @Size(max = 32) String code, @NotNull @ValidUai String uai,
            @NotBlank @Size(max = 64) String classId) {
    }

    @Inject
    Caller caller;

    @Inject
    SchoolPeople people;

    @Inject
    Partnerships partnerships;

    /** A partnership for one of the caller's classes; its code lets other classes join. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createPartnership(@Valid @NotNull NewPartnership request) {
        requireOwnClass(request.uai(), request.classId());
        Partnership created = partnerships.create(request.uai(), people.currentYear(request.uai()).toString(),
                request.classId(), request.name(), people.departmental(request.uai()), people.personId(caller));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    /**
     * Joins a partnership with its code. A departmental partnership takes classes of the owner's département;
     * an ended one nobody.
     */
    @POST
    @Path("/join")
    @Consumes(MediaType.APPLICATION_JSON)
    public Partnership join(@Valid @NotNull Join request) {
        requireOwnClass(request.uai(), request.classId());
        Found found = partnerships.byCode(request.code())
                .orElseThrow(() -> new NotFoundException("no partnership with code " + request.code()));
        if (found.ended()) {
            throw new ClientErrorException("this partnership ended with its school year", Response.Status.GONE);
        }
        if (found.departmental() && !found.ownerUai().substring(0, 3).equals(request.uai().substring(0, 3))) {
            throw new ForbiddenException("this école départementale's partnership is for classes of its département");
        }
        return partnerships.join(found.id(), request.uai(), people.currentYear(request.uai()).toString(),
                request.classId());
    }

    /** The partnerships the caller's classes of the current year belong to. */
    @GET
    public List<Partnership> partnerships(@QueryParam("uai") @ValidUai String uai) {
        people.requireStaff(caller, uai);
        return partnerships.ofSchool(uai, people.currentYear(uai).toString());
    }

    private void requireOwnClass(String uai, String classId) {
        people.requireStaff(caller, uai);
        people.requireCurrentClass(uai, classId);
        if (!people.teaches(caller, uai, classId) && !people.directs(caller, uai)) {
            throw new ForbiddenException("class " + classId + " is not one of the caller's classes");
        }
    }
}
