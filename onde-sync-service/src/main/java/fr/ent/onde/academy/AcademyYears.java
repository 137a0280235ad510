package fr.ent.onde.academy;

import fr.ent.contracts.rollover.YearSwitchRule;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.rollover.YearSwitched;
import fr.ent.onde.imports.OndeConfig;
import fr.ent.support.messaging.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/** The académie's current school year, as the eligibility rules compare pupils with it. */
@ApplicationScoped
public class AcademyYears {

    private static final Logger LOG = Logger.getLogger(AcademyYears.class);

    private final OndeConfig config;

    public AcademyYears(OndeConfig config) {
        this.config = config;
    }

    @Transactional
    public SchoolYear current(String academyCode) {
        Academy academy = Academy.findById(academyCode);
        return SchoolYear.parse(academy == null ? config.currentSchoolYear() : academy.currentYear);
    }

    /**
     * Advances the académie from {@code fromYear} to {@code toYear}. A switch already applied changes nothing; a
     * switch from another year than the current one is refused (it goes to the dead letters for an operator).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(YearSwitched switched) {
        try {
            if (YearSwitchRule.check(switched, current(switched.academyCode())) == YearSwitchRule.Outcome.ALREADY_APPLIED) {
                return;
            }
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
        SchoolYear to = SchoolYear.parse(switched.toYear());
        Academy academy = Academy.findById(switched.academyCode());
        if (academy == null) {
            academy = new Academy();
            academy.academyCode = switched.academyCode();
            academy.currentYear = to.toString();
            academy.switchoverId = switched.switchoverId();
            academy.updatedAt = Instant.now();
            academy.persist();
        } else {
            academy.currentYear = to.toString();
            academy.switchoverId = switched.switchoverId();
            academy.updatedAt = Instant.now();
        }
        LOG.infof("académie %s is now in %s (switchover %s)", switched.academyCode(), to, switched.switchoverId());
    }
}
