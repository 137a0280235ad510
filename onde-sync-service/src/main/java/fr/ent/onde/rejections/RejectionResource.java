package fr.ent.onde.rejections;

import fr.ent.support.validation.ValidUai;
import fr.ent.onde.imports.OndeConfig;
import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.support.security.Caller;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * ONDE-3: the pupils of a school that the latest import rejected, with every reason, so that the directeur can fix
 * them in ONDE. As JSON, or as CSV for a spreadsheet ({@code Accept: text/csv}).
 */
@Path("/api/schools/{uai}/rejections")
@RolesAllowed({DIRECTEUR, RECTORAT, OPERATEUR})
public class RejectionResource {

    public record RejectedPupil(UUID importId, String pupilId, String lastName, String firstName, String className,
            List<String> reasons) {
    }

    private static final String LATEST = "SELECT import_id, pupil_id, last_name, first_name, class_name, reasons "
            + "FROM onde_rejection WHERE uai = ? AND import_id = (SELECT s.import_id FROM onde_import_school s "
            + "JOIN onde_import i ON i.id = s.import_id WHERE s.uai = ? AND i.status = 'COMPLETED' "
            + "ORDER BY i.received_at DESC LIMIT 1) ORDER BY last_name, first_name, pupil_id";

    @Inject
    Caller caller;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OndeConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<RejectedPupil> json(@PathParam("uai") @ValidUai String uai) throws SQLException {
        return latest(uai);
    }

    @GET
    @Produces("text/csv")
    public String csv(@PathParam("uai") @ValidUai String uai) throws SQLException {
        StringBuilder csv = new StringBuilder("pupil_id;last_name;first_name;class;reasons\n");
        for (RejectedPupil pupil : latest(uai)) {
            csv.append(String.join(";", cell(pupil.pupilId()), cell(pupil.lastName()), cell(pupil.firstName()),
                    cell(pupil.className()), cell(String.join(",", pupil.reasons())))).append('\n');
        }
        return csv.toString();
    }

    private List<RejectedPupil> latest(String uai) throws SQLException {
        // Every school this service knows is of its académie.
        if (!caller.maySeeSchool(uai, config.academyCode())) {
            throw new ForbiddenException("school " + uai + " is not one of the caller's schools");
        }
        List<RejectedPupil> pupils = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(LATEST)) {
            query.setString(1, uai);
            query.setString(2, uai);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    pupils.add(new RejectedPupil(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), Arrays.asList(rows.getString(6).split(","))));
                }
            }
        }
        return pupils;
    }

    /** A CSV cell: quoted when it holds the separator, a quote or a line break; null as empty. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        return value.chars().anyMatch(c -> c == ';' || c == '"' || c == '\n' || c == '\r')
                ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
