package fr.ent.rollover.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The services a switchover waits for ({@code ent.rollover.participants}), and which of their events say what. */
@ApplicationScoped
public class Participants {

    private final List<String> names;
    private final Map<String, String> byYearSwitchApplied = new HashMap<>();
    private final Map<String, String> byImportApplied = new HashMap<>();

    public Participants(RolloverConfig config) {
        names = List.copyOf(new TreeSet<>(config.participants().keySet()));
        config.participants().forEach((name, p) -> {
            byYearSwitchApplied.put(p.yearSwitchApplied(), name);
            byImportApplied.put(p.importApplied(), name);
        });
    }

    /** Their names, in order. */
    public List<String> names() {
        return names;
    }

    /** The participant whose acknowledgement of a switchover applied to a school has this type. */
    public Optional<String> ofYearSwitchApplied(String type) {
        return Optional.ofNullable(byYearSwitchApplied.get(type));
    }

    /** The participant whose acknowledgement of an ONDE import applied to a school has this type. */
    public Optional<String> ofImportApplied(String type) {
        return Optional.ofNullable(byImportApplied.get(type));
    }
}
