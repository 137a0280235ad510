package fr.ent.identity.sheet;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;

import fr.ent.support.rest.InvalidInputException;
import fr.ent.support.security.Caller;
import fr.ent.support.security.Roles;
import fr.ent.support.validation.ValidSchoolYear;
import fr.ent.support.validation.ValidUai;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * A class's connection sheets (IDN-4, IDN-5), made by a teacher of the class or the directeur of its school; and the
 * record of who made which, for whom, when.
 */
@Path("/api/classes/{uai}/{schoolYear}/{classId}/connection-sheets")
public class ConnectionSheetResource {

    static final String PDF = "application/pdf";

    private final ConnectionSheets sheets;
    private final SheetBatches batches;
    private final TeacherClasses teachers;
    private final Caller caller;

    public ConnectionSheetResource(ConnectionSheets sheets, SheetBatches batches, TeacherClasses teachers,
            Caller caller) {
        this.sheets = sheets;
        this.batches = batches;
        this.teachers = teachers;
        this.caller = caller;
    }

    /**
     * @param audience {@code pupils} or {@code parents}
     * @param perPage sheets per A4 page: 1, 2 or 4
     */
    @POST
    @Produces(PDF)
    @RolesAllowed({ENSEIGNANT, DIRECTEUR})
    public Response make(@PathParam("uai") @ValidUai String uai,
            @PathParam("schoolYear") @ValidSchoolYear String schoolYear,
            @PathParam("classId") @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}", message = "a class id is 1 to 64 letters, "
                    + "digits or . _ : -") String classId,
            @QueryParam("audience") @NotNull(message = "say whose sheets: pupils or parents") String audience,
            @QueryParam("perPage") @DefaultValue("1") int perPage) {
        Audience who = audience(audience);
        if (perPage != 1 && perPage != 2 && perPage != 4) {
            throw new InvalidInputException("perPage", "sheets per page are 1, 2 or 4, not " + perPage);
        }
        String personId = authorise(uai, schoolYear, classId);
        ConnectionSheets.Made made = sheets.make(personId, uai, schoolYear, classId, who, perPage);
        String file = "fiches-" + classId.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + schoolYear + "-"
                + (who == Audience.PUPILS ? "eleves" : "parents") + ".pdf";
        return Response.ok(made.pdf(), PDF).header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("Cache-Control", "no-store").header("X-Sheet-Batch", made.batch().id().toString()).build();
    }

    /** Who made the class's sheets, for whom and when; latest first. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ENSEIGNANT, DIRECTEUR})
    public List<SheetBatches.Batch> made(@PathParam("uai") @ValidUai String uai,
            @PathParam("schoolYear") @ValidSchoolYear String schoolYear,
            @PathParam("classId") @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}", message = "a class id is 1 to 64 letters, "
                    + "digits or . _ : -") String classId) {
        authorise(uai, schoolYear, classId);
        return batches.ofClass(uai, schoolYear, classId);
    }

    /** A teacher of the class (class-service says who chose it), or the directeur of its school. */
    private String authorise(String uai, String schoolYear, String classId) {
        String personId = caller.personId().orElseThrow(() -> new ForbiddenException("the token names no person"));
        boolean directeur = caller.roles().contains(Roles.DIRECTEUR) && caller.uais().contains(uai);
        boolean teacher = caller.roles().contains(Roles.ENSEIGNANT) && caller.uais().contains(uai)
                && teachers.teaches(personId, uai, schoolYear, classId);
        if (!directeur && !teacher) {
            throw new ForbiddenException("only a teacher of class " + classId + " or the directeur of school " + uai
                    + " makes its connection sheets");
        }
        return personId;
    }

    private static Audience audience(String value) {
        try {
            return Audience.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("audience", "whose sheets: pupils or parents");
        }
    }
}
