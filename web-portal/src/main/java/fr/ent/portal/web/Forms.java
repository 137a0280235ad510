package fr.ent.portal.web;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import jakarta.ws.rs.core.Response;

/** What every form handler needs: checked values (bounded, in French when wrong) and the redirect after a POST. */
public final class Forms {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z_.:-]{1,64}");

    private Forms() {
    }

    /** A required value of at most {@code max} characters. */
    public static String required(String value, String label, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInput("Le champ « " + label + " » est obligatoire.");
        }
        if (value.length() > max) {
            throw new InvalidInput("Le champ « " + label + " » dépasse " + max + " caractères.");
        }
        return value.strip();
    }

    /** An identifier of a service (a UAI, a class id, a school year): letters, digits and {@code _.:-} only. */
    public static String token(String value, String label) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new InvalidInput("La valeur de « " + label + " » n'est pas reconnue.");
        }
        return value;
    }

    public static String uuid(String value, String label) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw new InvalidInput("La valeur de « " + label + " » n'est pas reconnue.");
        }
        return value;
    }

    /** At least one of a list of ids, each checked; at most {@code max}. */
    public static List<String> ids(List<String> values, String what, int max) {
        if (values == null || values.isEmpty()) {
            throw new InvalidInput("Choisissez au moins " + what + ".");
        }
        if (values.size() > max) {
            throw new InvalidInput("Vous ne pouvez pas choisir plus de " + max + " éléments à la fois.");
        }
        return values.stream().map(v -> token(v, what)).toList();
    }

    /** The redirect after a successful POST (303, so that reloading the page does not send the form again). */
    public static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
