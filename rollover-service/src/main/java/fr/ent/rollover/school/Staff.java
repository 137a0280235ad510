package fr.ent.rollover.school;

import fr.ent.contracts.onde.OndeStaff;
import fr.ent.support.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

/** The owner of table {@code rollover_staff}: each school's staff as ONDE last said, with their academic e-mail. */
@ApplicationScoped
public class Staff {

    private final Sql sql;

    public Staff(Sql sql) {
        this.sql = sql;
    }

    public void upsert(OndeStaff staff) {
        sql.update("INSERT INTO rollover_staff (staff_id, uai, email, teacher, director) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (staff_id, uai) DO UPDATE SET email = EXCLUDED.email, teacher = EXCLUDED.teacher, "
                + "director = EXCLUDED.director", staff.staffId(), staff.uai(), blankToNull(staff.email()),
                staff.teacher(), staff.director());
    }

    public void removed(OndeStaff.Removed removed) {
        sql.update("DELETE FROM rollover_staff WHERE staff_id = ? AND uai = ?", removed.staffId(), removed.uai());
    }

    /** A school removed from ONDE has no staff any more. */
    public void schoolRemoved(String uai) {
        sql.update("DELETE FROM rollover_staff WHERE uai = ?", uai);
    }

    private static String blankToNull(String email) {
        return email == null || email.isBlank() ? null : email.trim();
    }
}
