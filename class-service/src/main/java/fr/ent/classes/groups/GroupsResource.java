package fr.ent.classes.groups;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;

import fr.ent.classes.groups.WorkGroups.Group;
import fr.ent.classes.structure.SchoolPeople;
import fr.ent.support.security.Caller;
import fr.ent.support.validation.ValidUai;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** CLS-4: work groups of pupils and teachers of a school; they end with the school year. */
@Path("/api/groups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ENSEIGNANT, DIRECTEUR})
public class GroupsResource {

    public record NewGroup(@NotNull @ValidUai String uai, @NotBlank @Size(max = 255) String name,
            @Size(max = 1000) List<@NotBlank @Size(max = 64) String> members) {
    }

    /** The members a group has from now on (pupils and teachers of the school's year). */
    public record Members(@NotNull @ValidUai String uai,
            @NotNull @Size(max = 1000) List<@NotBlank @Size(max = 64) String> members) {
    }

    @Inject
    Caller caller;

    @Inject
    SchoolPeople people;

    @Inject
    WorkGroups groups;

    /** A work group of pupils and teachers of one of the caller's schools. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createGroup(@Valid @NotNull NewGroup request) {
        people.requireStaff(caller, request.uai());
        Group created = groups.create(request.uai(), people.currentYear(request.uai()).toString(), request.name(),
                request.members(), people.personId(caller));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    /** Pupils and teachers join or leave a group: its teachers and the school's directeur set its members. */
    @PUT
    @Path("/{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    public Group changeMembers(@PathParam("id") UUID id, @Valid @NotNull Members request) {
        people.requireStaff(caller, request.uai());
        String person = people.personId(caller);
        if (!people.directs(caller, request.uai()) && !groups.teaches(id, person)) {
            throw new ForbiddenException("only the group's teachers and the school's directeur change its members");
        }
        return groups.changeMembers(id, request.uai(), people.currentYear(request.uai()).toString(), request.members(),
                person);
    }

    /** The work groups of the current year in one of the caller's schools. */
    @GET
    public List<Group> groups(@QueryParam("uai") @ValidUai String uai) {
        people.requireStaff(caller, uai);
        return groups.ofSchool(uai, people.currentYear(uai).toString());
    }
}
