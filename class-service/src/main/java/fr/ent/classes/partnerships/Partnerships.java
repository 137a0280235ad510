package fr.ent.classes.partnerships;

import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.PartnershipChanged;
import fr.ent.support.jdbc.Sql;
import fr.ent.support.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * CLS-4: partnerships between classes, joined by code; owns {@code partnership} and {@code partnership_class}. Every
 * change of a partnership is published as its state ({@code fr.ent.class.partnership.v1}) in the same transaction.
 */
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

    /** What the switchover did to a school's partnerships. */
    public record Switched(int ended, int keptDepartmental) {
    }

    private final Sql sql;
    private final Outbox outbox;

    public Partnerships(Sql sql, Outbox outbox) {
        this.sql = sql;
        this.outbox = outbox;
    }

    /** A partnership owned by a school, with one class in it, under a new code. */
    @Transactional
    public Partnership create(String uai, String schoolYear, String classId, String name, boolean departmental,
            String createdBy) {
        UUID id = UUID.randomUUID();
        sql.update("INSERT INTO partnership (id, code, name, owner_uai, school_year, departmental, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, now())", id, newCode(), name.strip(), uai, schoolYear, departmental,
                createdBy);
        addClass(id, uai, schoolYear, classId);
        return published(id, false);
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
        return published(id, false);
    }

    /**
     * At the switchover of a school's year: the partnerships it owns end (an école départementale's are kept, with
     * their code), and its classes of that year leave every partnership; each partnership touched is published.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Switched switchSchool(String uai, String schoolYear) {
        List<UUID> ended = sql.list("UPDATE partnership SET ended_at = now() WHERE owner_uai = ? AND NOT departmental "
                + "AND ended_at IS NULL RETURNING id", row -> row.getObject(1, UUID.class), uai);
        int kept = sql.one("SELECT count(*) FROM partnership WHERE owner_uai = ? AND departmental AND ended_at IS NULL",
                row -> row.getInt(1), uai).orElse(0);
        List<UUID> released = sql.list("WITH released AS (UPDATE partnership_class SET left_at = now() WHERE uai = ? "
                + "AND school_year = ? AND left_at IS NULL RETURNING partnership_id) SELECT DISTINCT p.id FROM released r "
                + "JOIN partnership p ON p.id = r.partnership_id WHERE p.ended_at IS NULL ORDER BY p.id",
                row -> row.getObject(1, UUID.class), uai, schoolYear);
        ended.forEach(id -> published(id, true));
        released.forEach(id -> published(id, false));
        return new Switched(ended.size(), kept);
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

    private Partnership published(UUID id, boolean ended) {
        Partnership partnership = partnership(id);
        // An ended partnership is published with the classes it had, so that its content's teachers are known.
        List<PartnershipChanged.MemberClass> classes = sql.list("SELECT uai, school_year, class_id FROM partnership_class "
                + "WHERE partnership_id = ? AND (left_at IS NULL OR ?) ORDER BY uai, school_year, class_id",
                row -> new PartnershipChanged.MemberClass(row.getString(1), row.getString(2), row.getString(3)), id, ended);
        String schoolYear = sql.one("SELECT school_year FROM partnership WHERE id = ?", row -> row.getString(1), id)
                .orElseThrow();
        outbox.publish(Topics.CLASS_EVENTS, partnership.ownerUai(), EventTypes.CLASS_PARTNERSHIP, id.toString(),
                new PartnershipChanged(id.toString(), partnership.code(), partnership.name(), partnership.ownerUai(),
                        schoolYear, partnership.departmental(), classes, ended));
        return partnership;
    }

    private Partnership partnership(UUID id) {
        List<String> classes = sql.list("SELECT uai || '/' || class_id FROM partnership_class WHERE partnership_id = ? "
                + "AND left_at IS NULL ORDER BY 1", row -> row.getString(1), id);
        return sql.one("SELECT code, name, owner_uai, departmental FROM partnership WHERE id = ?", row -> new Partnership(id,
                row.getString(1), row.getString(2), row.getString(3), row.getBoolean(4), classes), id).orElseThrow();
    }
}
