package fr.ent.onde.imports;

import fr.ent.onde.academy.AcademyYears;
import fr.ent.onde.imports.check.ExportCheck;
import fr.ent.onde.imports.publish.ChangePlan.SchoolChanges;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The safety brakes of a complete export (ONDE-5): each says why the export should wait for a rectorate user's
 * decision, or null when it need not.
 */
@ApplicationScoped
public class ImportBrakes {

    private final OndeConfig config;
    private final AcademyYears years;

    public ImportBrakes(OndeConfig config, AcademyYears years) {
        this.config = config;
        this.years = years;
    }

    /**
     * An export that would remove more than the configured share of a school's pupils is more likely a truncated or
     * wrong export than a real departure.
     */
    String removesTooMany(List<SchoolChanges> planned) {
        double share = config.maxRemovedShare();
        List<SchoolChanges> over = planned.stream()
                .filter(s -> s.pupilsBefore() > 0 && s.pupilsRemoved() > share * s.pupilsBefore()).toList();
        if (over.isEmpty()) {
            return null;
        }
        String examples = over.stream().limit(5).map(s -> String.format("%s: %d of %d", s.uai(), s.pupilsRemoved(),
                s.pupilsBefore())).collect(Collectors.joining(", "));
        return String.format("it would remove more than %.0f %% of the pupils of %d school(s) (%s%s): "
                + "confirm or discard this export", share * 100, over.size(), examples, over.size() > 5 ? ", …" : "");
    }

    /**
     * An export whose pupils mostly belong to a school year the académie has not switched to yet would reject them
     * all.
     */
    String yearNotSwitched(ExportCheck.Result result) {
        if (result.pupils() == 0 || result.laterYearPupils() * 2 <= result.pupils()) {
            return null;
        }
        return String.format("%d of %d pupils belong to a school year after %s, the académie's current one: "
                + "switch the year first, or confirm or discard this export", result.laterYearPupils(), result.pupils(),
                years.current(config.academyCode()));
    }
}
