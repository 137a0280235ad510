package fr.ent.classes.choice;

import fr.ent.classes.structure.ClassView;
import fr.ent.classes.structure.Classes;
import fr.ent.classes.structure.Levels;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.SchoolYear;
import fr.ent.contracts.Topics;
import fr.ent.contracts.classes.ClassConfigured;
import fr.ent.support.messaging.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;

/** CLS-3: a class's name and levels set by its teachers or directeur, published as {@code class.configured}. */
@ApplicationScoped
public class ClassConfiguration {

    private final Classes classes;
    private final Outbox outbox;

    public ClassConfiguration(Classes classes, Outbox outbox) {
        this.classes = classes;
        this.outbox = outbox;
    }

    /** Checks the levels (400 otherwise), records and publishes the configuration; returns the class as it is now. */
    @Transactional
    public ClassView configure(String uai, SchoolYear year, String classId, String name, List<String> levels,
            String by) {
        List<String> ordered = Levels.check(levels);
        String clean = name.strip();
        classes.configure(uai, year.toString(), classId, clean, ordered, by);
        outbox.publish(Topics.CLASS_EVENTS, uai, EventTypes.CLASS_CONFIGURED, classId,
                new ClassConfigured(uai, year.toString(), classId, clean, ordered, by));
        return classes.only(uai, year.toString(), List.of(classId)).get(0);
    }
}
