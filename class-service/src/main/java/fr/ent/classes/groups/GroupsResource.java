package fr.ent.classes.groups;

import fr.ent.support.validation.ValidUai;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ENSEIGNANT;

import fr.ent.classes.structure.SchoolPeople;
import fr.ent.support.jdbc.Sql;
import fr.ent.support.rest.InvalidInputException;
import fr.ent.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Work groups of a school and partnerships between classes (CLS-4). Both end with the school year, except the
 * partnerships of an école départementale, which keep their code: classes of the whole département join them.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ENSEIGNANT, DIRECTEUR})
public class GroupsResource {

    public record NewGroup(@NotNull @ValidUai String uai, @NotBlank @Size(max = 255) String name,
            @Size(max = 1000) List<@NotBlank @Size(max = 64) String> members) {
    }

    public record Group(UUID id, String uai, String schoolYear, String name, List<String> pupils, List<String> teachers) {
    }

    public record NewPartnership(@NotNull @ValidUai String uai, @NotBlank @Size(max = 64) String classId,
            @NotBlank @Size(max = 255) String name) {
    }

    /** Joining a partnership with its code, for one of the caller's classes. */
    public record Join(@NotBlank @Size(max = 32) String code, @NotNull @ValidUai String uai,
            @NotBlank @Size(max = 64) String classId) {
    }

    public record Partnership(UUID id, String code, String name, String ownerUai, boolean departmental,
            List<String> classes) {
    }

    private static final String CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    Caller caller;

    @Inject
    SchoolPeople people;

    @Inject
    Sql sql;

    /** A work group of pupils and teachers of one of the caller's schools. */
    @POST
    @Path("/groups")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response createGroup(@Valid @NotNull NewGroup request) {
        people.requireStaff(caller, request.uai());
        String year = people.currentYear(request.uai()).toString();
        Set<String> members = new LinkedHashSet<>(request.members() == null ? List.of() : request.members());
        members.add(people.personId(caller));
        List<String> pupils = sql.list("SELECT pupil_id FROM pupil WHERE uai = ? AND school_year = ? AND left_at IS NULL "
                + "AND pupil_id = ANY(?)", row -> row.getString(1), request.uai(), year, Sql.texts(members));
        List<String> teachers = sql.list("SELECT staff_id FROM staff WHERE uai = ? AND staff_id = ANY(?)",
                row -> row.getString(1), request.uai(), Sql.texts(members));
        List<String> unknown = members.stream().filter(m -> !pupils.contains(m) && !teachers.contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("members: not pupils or teachers of " + request.uai() + " this year: " + unknown);
        }
        UUID id = UUID.randomUUID();
        sql.update("INSERT INTO work_group (id, uai, school_year, name, created_by, created_at) VALUES (?, ?, ?, ?, ?, now())",
                id, request.uai(), year, request.name().strip(), people.personId(caller));
        pupils.forEach(p -> sql.update("INSERT INTO work_group_member (group_id, person_id, role) VALUES (?, ?, 'PUPIL')", id, p));
        teachers.forEach(t -> sql.update("INSERT INTO work_group_member (group_id, person_id, role) VALUES (?, ?, 'TEACHER')", id, t));
        return Response.status(Response.Status.CREATED).entity(group(id)).build();
    }

    /** The work groups of the current year in one of the caller's schools. */
    @GET
    @Path("/groups")
    public List<Group> groups(@QueryParam("uai") @ValidUai String uai) {
        people.requireStaff(caller, uai);
        return sql.list("SELECT id FROM work_group WHERE uai = ? AND school_year = ? AND ended_at IS NULL ORDER BY name",
                row -> row.getObject(1, UUID.class), uai, people.currentYear(uai).toString()).stream().map(this::group).toList();
    }

    /** A partnership for one of the caller's classes; its code lets other classes join. */
    @POST
    @Path("/partnerships")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response createPartnership(@Valid @NotNull NewPartnership request) {
        requireOwnClass(request.uai(), request.classId());
        UUID id = UUID.randomUUID();
        String code = newCode();
        sql.update("INSERT INTO partnership (id, code, name, owner_uai, departmental, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, now())", id, code, request.name().strip(), request.uai(),
                people.departmental(request.uai()), people.personId(caller));
        addClass(id, request.uai(), request.classId());
        return Response.status(Response.Status.CREATED).entity(partnership(id)).build();
    }

    /**
     * Joins a partnership with its code. A departmental partnership takes classes of the owner's département;
     * an ended one nobody.
     */
    @POST
    @Path("/partnerships/join")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Partnership join(@Valid @NotNull Join request) {
        requireOwnClass(request.uai(), request.classId());
        Object[] found = sql.one("SELECT id, owner_uai, departmental, ended_at FROM partnership WHERE code = ?",
                row -> new Object[] {row.getObject(1, UUID.class), row.getString(2), row.getBoolean(3),
                        row.getTimestamp(4)}, request.code().strip().toUpperCase()).orElseThrow(
                () -> new NotFoundException("no partnership with code " + request.code()));
        if (found[3] != null) {
            throw new ClientErrorException("this partnership ended with its school year", Response.Status.GONE);
        }
        String owner = (String) found[1];
        if ((boolean) found[2] && !owner.substring(0, 3).equals(request.uai().substring(0, 3))) {
            throw new ForbiddenException("this école départementale's partnership is for classes of its département");
        }
        addClass((UUID) found[0], request.uai(), request.classId());
        return partnership((UUID) found[0]);
    }

    /** The partnerships the caller's classes of the current year belong to. */
    @GET
    @Path("/partnerships")
    public List<Partnership> partnerships(@QueryParam("uai") @ValidUai String uai) {
        people.requireStaff(caller, uai);
        return sql.list("SELECT DISTINCT p.id, p.name FROM partnership p JOIN partnership_class c ON c.partnership_id = p.id "
                + "WHERE c.uai = ? AND c.school_year = ? AND c.left_at IS NULL AND p.ended_at IS NULL ORDER BY p.name",
                row -> row.getObject(1, UUID.class), uai, people.currentYear(uai).toString()).stream()
                .map(this::partnership).toList();
    }

    private void requireOwnClass(String uai, String classId) {
        people.requireStaff(caller, uai);
        people.requireCurrentClass(uai, classId);
        if (!people.teaches(caller, uai, classId) && !people.directs(caller, uai)) {
            throw new ForbiddenException("class " + classId + " is not one of the caller's classes");
        }
    }

    private void addClass(UUID partnership, String uai, String classId) {
        sql.update("INSERT INTO partnership_class (partnership_id, uai, school_year, class_id, joined_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (partnership_id, uai, school_year, class_id) DO UPDATE SET left_at = NULL",
                partnership, uai, people.currentYear(uai).toString(), classId, Instant.now());
    }

    private String newCode() {
        while (true) {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                code.append(CODE_LETTERS.charAt(RANDOM.nextInt(CODE_LETTERS.length())));
            }
            if (sql.one("SELECT 1 FROM partnership WHERE code = ?", row -> 1, code.toString()).isEmpty()) {
                return code.toString();
            }
        }
    }

    private Group group(UUID id) {
        List<String> pupils = new ArrayList<>();
        List<String> teachers = new ArrayList<>();
        sql.list("SELECT person_id, role FROM work_group_member WHERE group_id = ? ORDER BY person_id", row -> {
            (row.getString(2).equals("PUPIL") ? pupils : teachers).add(row.getString(1));
            return null;
        }, id);
        return sql.one("SELECT uai, school_year, name FROM work_group WHERE id = ?", row -> new Group(id, row.getString(1),
                row.getString(2), row.getString(3), pupils, teachers), id).orElseThrow();
    }

    private Partnership partnership(UUID id) {
        List<String> classes = sql.list("SELECT uai || '/' || class_id FROM partnership_class WHERE partnership_id = ? "
                + "AND left_at IS NULL ORDER BY 1", row -> row.getString(1), id);
        return sql.one("SELECT code, name, owner_uai, departmental FROM partnership WHERE id = ?", row -> new Partnership(id,
                row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4), classes), id).orElseThrow();
    }
}
