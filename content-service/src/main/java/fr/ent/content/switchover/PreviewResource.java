package fr.ent.content.switchover;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.RECTORAT;
import static fr.ent.support.security.Roles.SERVICE;

import fr.ent.content.space.ContentSchools;
import fr.ent.content.space.Space;
import fr.ent.content.space.SpaceAccess;
import fr.ent.content.space.Spaces;
import fr.ent.contracts.content.ContentAcknowledgement.Counts;
import fr.ent.support.security.Caller;
import fr.ent.support.security.Roles;
import fr.ent.support.validation.ValidSchoolYear;
import fr.ent.support.validation.ValidUai;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * CNT-1 before the switchover: what it will keep, archive and delete, per application, computed by the engine that
 * applies it (which checks its outcome against this). Teachers see their classes; a directeur their school; the
 * rectorat any school of its académie, or the whole académie; the suite's services (rollover-service's backup
 * reminders) any school.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class PreviewResource {

    public record SchoolPreview(String uai, String fromYear, int spaces, Map<String, Counts> counts) {
    }

    public record ClassPreview(Space space, Map<String, Counts> counts) {
    }

    public record AcademyPreview(String academyCode, String fromYear, int schools, int spaces,
            Map<String, Counts> counts) {
    }

    private final RetentionEngine engine;
    private final Spaces spaces;
    private final ContentSchools schools;
    private final SpaceAccess access;
    private final Caller caller;

    public PreviewResource(RetentionEngine engine, Spaces spaces, ContentSchools schools, SpaceAccess access,
            Caller caller) {
        this.engine = engine;
        this.spaces = spaces;
        this.schools = schools;
        this.access = access;
        this.caller = caller;
    }

    @GET
    @Path("/schools/{uai}/switchover-preview")
    @RolesAllowed({DIRECTEUR, RECTORAT, SERVICE})
    public SchoolPreview school(@PathParam("uai") @ValidUai String uai,
            @QueryParam("fromYear") @NotNull @ValidSchoolYear String fromYear) {
        boolean service = caller.roles().contains(Roles.SERVICE); // rollover-service's reminders: every school
        boolean director = caller.roles().contains(Roles.DIRECTEUR) && caller.uais().contains(uai);
        boolean rectorat = caller.roles().contains(Roles.RECTORAT)
                && schools.academyOf(uai).map(caller.academies()::contains).orElse(false);
        if (!service && !director && !rectorat) {
            throw new ForbiddenException("school " + uai + " is not the caller's");
        }
        List<Space> open = spaces.openOfYear(uai, fromYear);
        return new SchoolPreview(uai, fromYear, open.size(), engine.preview(open));
    }

    /** The whole académie's: what its switchover will do, per application, over all its schools. */
    @GET
    @Path("/academies/{code}/switchover-preview")
    @RolesAllowed({RECTORAT, SERVICE})
    public AcademyPreview academy(@PathParam("code") @jakarta.validation.constraints.Pattern(regexp = "[0-9A-Z]{1,8}",
            message = "an académie code") String code, @QueryParam("fromYear") @NotNull @ValidSchoolYear String fromYear) {
        if (!caller.roles().contains(Roles.SERVICE) && !caller.academies().contains(code)) {
            throw new ForbiddenException("académie " + code + " is not the caller's");
        }
        List<Space> open = spaces.openOfAcademyYear(code, fromYear);
        return new AcademyPreview(code, fromYear, schools.ofAcademy(code).size(), open.size(), engine.preview(open));
    }

    @GET
    @Path("/me/switchover-preview")
    @RolesAllowed(ENSEIGNANT)
    public List<ClassPreview> mine(@QueryParam("fromYear") @NotNull @ValidSchoolYear String fromYear) {
        return spaces.ofPerson(access.personId()).stream()
                .filter(m -> m.roles().contains(Spaces.Role.TEACHER) && fromYear.equals(m.space().schoolYear()))
                .map(m -> new ClassPreview(m.space(), engine.preview(List.of(m.space())))).toList();
    }
}
