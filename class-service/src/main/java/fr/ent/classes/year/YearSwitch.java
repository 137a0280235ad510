package fr.ent.classes.year;

import fr.ent.classes.groups.WorkGroups;
import fr.ent.classes.partnerships.Partnerships;
import fr.ent.contracts.rollover.YearSwitchRule;
import fr.ent.support.jdbc.Sql;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.Acknowledgement.YearSwitchApplied;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.support.messaging.MalformedEventException;
import fr.ent.support.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What a switchover does to class-service, school by school (CLS-1, CLS-4): the previous year's classes are closed
 * (read-only, kept for the recovery step), every teacher↔class link of that year ends, work groups end, partnerships
 * between classes end — except those of an école départementale, which keep their code and only release their
 * member classes, so that the new classes rejoin with the same code. Each school is acknowledged once
 * ({@code fr.ent.class.year-switch-applied.v1}); the same switchover again does nothing more.
 */
@ApplicationScoped
public class YearSwitch {

    private static final Logger LOG = Logger.getLogger(YearSwitch.class);

    private final Sql sql;
    private final AcademyYears years;
    private final Outbox outbox;
    private final WorkGroups workGroups;
    private final Partnerships partnerships;

    public YearSwitch(Sql sql, AcademyYears years, Outbox outbox, WorkGroups workGroups, Partnerships partnerships) {
        this.sql = sql;
        this.years = years;
        this.outbox = outbox;
        this.workGroups = workGroups;
        this.partnerships = partnerships;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(YearSwitched event) {
        YearSwitchRule.Outcome outcome;
        try {
            outcome = YearSwitchRule.check(event, years.current(event.academyCode()));
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
        SchoolYear from = SchoolYear.parse(event.fromYear());
        SchoolYear to = SchoolYear.parse(event.toYear());
        if (outcome == YearSwitchRule.Outcome.ADVANCE) {
            years.advance(event.academyCode(), to, event.switchoverId());
        }
        List<String> schools = sql.list("SELECT uai FROM school WHERE academy_code = ? ORDER BY uai",
                row -> row.getString(1), event.academyCode());
        int applied = 0;
        for (String uai : schools) {
            if (sql.update("INSERT INTO year_switch_applied (switchover_id, uai, applied_at) VALUES (?, ?, now()) "
                    + "ON CONFLICT DO NOTHING", event.switchoverId(), uai) == 1) {
                switchSchool(event, uai);
                applied++;
            }
        }
        LOG.infof("switchover %s of académie %s (%s → %s) applied to %d school(s), %d already done", event.switchoverId(),
                event.academyCode(), from, to, applied, schools.size() - applied);
    }

    private void switchSchool(YearSwitched event, String uai) {
        String from = event.fromYear();
        int classes = sql.update("UPDATE school_class SET closed_at = now() WHERE uai = ? AND school_year = ? "
                + "AND closed_at IS NULL", uai, from);
        int links = sql.update("UPDATE teacher_class SET ended_at = now() WHERE uai = ? AND school_year = ? "
                + "AND ended_at IS NULL", uai, from);
        int groups = workGroups.endAll(uai, from);
        Partnerships.Switched partnerships = this.partnerships.switchSchool(uai, from);
        outbox.publish(Topics.CLASS_EVENTS, uai, EventTypes.CLASS_YEAR_SWITCH_APPLIED, uai, new YearSwitchApplied(
                event.switchoverId(), uai, from, event.toYear(), classes, links, groups, partnerships.ended(),
                partnerships.keptDepartmental()));
    }

}
