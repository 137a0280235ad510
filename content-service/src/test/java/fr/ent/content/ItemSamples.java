package fr.ent.content;

import fr.ent.content.retention.Application;

/** A valid {@code data} object for an item of each application, as JSON, for the tests that make items of all. */
public final class ItemSamples {

    private ItemSamples() {
    }

    public static String data(Application application) {
        return switch (application) {
            case GPS -> "{\"lat\":47.2184,\"lon\":-1.5536}";
            case AGENDA -> "{\"start\":\"2019-03-12T09:00:00+01:00\",\"end\":\"2019-03-12T11:00:00+01:00\"}";
            case CAHIER_DE_TEXTES -> "{\"day\":\"2019-03-11\",\"dueDay\":\"2019-03-14\"}";
            case BLOG -> "{\"category\":\"Sorties\"}";
            default -> "{\"note\":1}";
        };
    }
}
