package fr.ent.classes.partnerships;

import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** CLS-4: partnerships between classes, joined by code; owns {@code partnership} and {@code partnership_class}. */
@ApplicationScoped
public class Partnerships {

    public record Partnership(UUID id, String code, String name, String ownerUai, boolean departmental,
            List<String> classes) {
    }

    /** What joining needs to know of a partnership found by its code. */
    public record Found(UUID id, String ownerUai, boolean departmental, boolean ended) {
    }

    private static final String CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;

    public Partnerships(Sql sql) {
        this.sql = sql;
    }

    /** A partnership owned by a school, with one class in it, under a new code. */
    @Transactional
    public Partnership create(String uai, String schoolYear, String classId, String name, boolean departmental,
            String createdBy) {
        UUID id = UUID.randomUUID();
        sql.update("INSERT INTO partnership (id, code, name, owner_uai, departmental, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, now())", id, newCode(), name.strip(), uai, departmental, createdBy);
        addClass(id, uai, schoolYear, classId);
        return partnership(id);
    }

    public Optional<Found> byCode(String code) {
        return sql.one("SELECT id, owner_uai, departmental, ended_at IS NOT NULL FROM partnership WHERE code = ?",
                row -> new Found(row.getObject(1, UUID.class), row.getString(2), row.getBoolean(3), row.getBoolean(4)),
                code.strip().toUpperCase());
    }

    /** A class joins (again, if it had left); returns the partnership as it is now. */
    @Transactional
    public Partnership join(UUID id, String uai, String schoolYear, String classId) {
        addClass(id, uai, schoolYear, classId);
        return partnership(id);
    }

    /** The partnerships that a school's classes of the year belong to and that have not ended, by name. */
    public List<Partnership> ofSchool(String uai, String schoolYear) {
        return sql.list("SELECT DISTINCT p.id, p.name FROM partnership p JOIN partnership_class c ON c.partnership_id = p.id "
                + "WHERE c.uai = ? AND c.school_year = ? AND c.left_at IS NULL AND p.ended_at IS NULL ORDER BY p.name",
                row -> row.getObject(1, UUID.class), uai, schoolYear).stream().map(this::partnership).toList();
    }

    private void addClass(UUID partnership, String uai, String schoolYear, String classId) {
        sql.update("INSERT INTO partnership_class (partnership_id, uai, school_year, class_id, joined_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (partnership_id, uai, school_year, class_id) DO UPDATE SET left_at = NULL",
                partnership, uai, schoolYear, classId, Instant.now());
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

    private Partnership partnership(UUID id) {
        List<String> classes = sql.list("SELECT uai || '/' || class_id FROM partnership_class WHERE partnership_id = ? "
                + "AND left_at IS NULL ORDER BY 1", row -> row.getString(1), id);
        return sql.one("SELECT code, name, owner_uai, departmental FROM partnership WHERE id = ?", row -> new Partnership(id,
                row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4), classes), id).orElseThrow();
    }
}
