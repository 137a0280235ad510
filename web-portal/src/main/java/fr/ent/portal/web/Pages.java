package fr.ent.portal.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.IdToken;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Renders a page of the portal: its template inside the layout, with the signed-in user ({@code me}) and the page's
 * title. Qute escapes every value it writes into HTML, so what users and ONDE typed is shown, never run.
 */
@RequestScoped
public class Pages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SUITE_ROLES = Set.of("enseignant", "directeur", "rectorat", "eleve", "parent",
            "operateur");

    @Inject
    Engine engine;

    @Inject
    SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    JsonWebToken accessToken;

    public TemplateInstance page(String template, String title) {
        return engine.getTemplate(template).data("me", me()).data("title", title);
    }

    public Me me() {
        Set<String> roles = new TreeSet<>(identity.getRoles());
        roles.retainAll(SUITE_ROLES);
        String name = String.join(" ", nonNull(idToken.getClaim("given_name")), nonNull(idToken.getClaim("family_name")))
                .trim();
        if (name.isEmpty()) {
            name = nonNull(idToken.getClaim("preferred_username"));
        }
        return new Me(name, roles, strings(accessToken.getClaim("uai")), strings(accessToken.getClaim("academie")));
    }

    /** A service's JSON as maps, lists and plain values, which templates read as {@code {item.name}}. */
    public static Object plain(JsonNode node) {
        return node == null || node.isNull() ? null : JSON.convertValue(node, Object.class);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(JsonNode node) {
        return node == null || !node.isArray() ? List.of() : (List<Object>) plain(node);
    }

    private static String nonNull(Object claim) {
        return claim == null ? "" : claim.toString();
    }

    private static List<String> strings(Object claim) {
        List<String> values = new ArrayList<>();
        if (claim instanceof Collection<?> many) {
            many.forEach(v -> values.add(unquoted(v)));
        } else if (claim != null) {
            values.add(unquoted(claim));
        }
        return values;
    }

    /** A JSON-P string value prints with its quotes. */
    private static String unquoted(Object value) {
        String text = value.toString();
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1)
                : text;
    }
}
