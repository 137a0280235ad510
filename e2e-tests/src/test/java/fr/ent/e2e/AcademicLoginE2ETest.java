package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * IDN-1 on the running stack: a teacher ONDE brings gets an ENT account from identity-service (in Keycloak's realm
 * ent, with their academic e-mail); logging in with their academic account (realm academie, brokered into ent as the
 * identity provider {@code academie}) through the web client's authorization-code flow with PKCE lands on that same
 * account — its login, person_id and roles — linked, with no second user made.
 */
class AcademicLoginE2ETest {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final String WEB = "http://127.0.0.1:18100/callback";

    @Test
    void aTeacherLogsInWithTheAcademicAccountAndLandsOnTheirEntAccount() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String staffId = "E2E-ACA-" + run;
        String email = "prof." + run + "@ac-e2e.fr";
        StackServers.publish(Topics.ONDE_CHANGES, "/e2e/academic-login", List.<String[]>of(new String[] {"0750654D",
                EventTypes.ONDE_STAFF_UPSERTED, "{\"uai\":\"0750654D\",\"staffId\":\"" + staffId + "\",\"civility\":"
                        + "\"Mme\",\"lastName\":\"Académique\",\"firstName\":\"Professeure\",\"email\":\"" + email
                        + "\",\"teacher\":true,\"director\":false}"}));

        // identity-service made the account and its Keycloak user (the provisioner, a few seconds later).
        String admin = adminToken();
        JsonNode entUser = null;
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (entUser == null && System.nanoTime() < deadline) {
            JsonNode found = Stack.json(Stack.get(kc("/admin/realms/ent/users?exact=true&email="
                    + enc(email)), Optional.of(admin)));
            entUser = found.size() == 1 ? found.get(0) : null;
            Thread.sleep(500);
        }
        assertNotNull(entUser, "identity-service put no user with " + email + " in realm ent within " + WITHIN);
        String login = entUser.get("username").asText();
        assertTrue(login.startsWith("professeure.academique"), login);

        // The académie's directory knows the same person under its own login.
        String academicLogin = "p" + run;
        String password = "academique-" + run;
        HttpResponse<String> created = Stack.postJson(kc("/admin/realms/academie/users"), admin, "{\"username\":\""
                + academicLogin + "\",\"enabled\":true,\"email\":\"" + email + "\",\"emailVerified\":true,"
                + "\"firstName\":\"Professeure\",\"lastName\":\"Académique\",\"credentials\":[{\"type\":\"password\","
                + "\"value\":\"" + password + "\",\"temporary\":false}]}");
        assertEquals(201, created.statusCode(), created.body());

        Map<String, Object> token = loginThroughTheAcademie(academicLogin, password);
        assertEquals(login, token.get("preferred_username"), "the same ENT account, not a new one");
        assertEquals(staffId, token.get("person_id"));
        assertTrue(String.valueOf(token.get("realm_access")).contains("enseignant"), token.toString());

        JsonNode sameEmail = Stack.json(Stack.get(kc("/admin/realms/ent/users?exact=true&email=" + enc(email)),
                Optional.of(admin)));
        assertEquals(1, sameEmail.size(), "no second user in realm ent");
        JsonNode links = Stack.json(Stack.get(kc("/admin/realms/ent/users/" + entUser.get("id").asText()
                + "/federated-identity"), Optional.of(admin)));
        assertEquals("academie", links.get(0).get("identityProvider").asText());
        assertEquals(academicLogin, links.get(0).get("userName").asText());
    }

    /** The browser's way, without a browser: authorization-code flow with PKCE for ent-web, hinting the académie. */
    private static Map<String, Object> loginThroughTheAcademie(String username, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString()
                .concat(UUID.randomUUID().toString()).getBytes(StandardCharsets.US_ASCII));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI start = URI.create(kc("/realms/ent/protocol/openid-connect/auth?client_id=ent-web&response_type=code"
                + "&scope=openid&kc_idp_hint=academie&redirect_uri=" + enc(WEB) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256&state=" + UUID.randomUUID()));
        HttpResponse<String> page = follow(browser, HttpRequest.newBuilder(start).GET().build());
        Matcher form = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
        assertTrue(form.find(), "the académie's login form: " + page.body());
        String action = form.group(1).replace("&amp;", "&");
        HttpResponse<String> landed = follow(browser, HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(
                        "username=" + enc(username) + "&password=" + enc(password) + "&credentialId=")).build());
        String location = landed.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith(WEB), "back to the web client with a code, not " + landed.statusCode() + " "
                + location + " " + landed.body());
        String code = Pattern.compile("[?&]code=([^&]+)").matcher(location).results().findFirst().orElseThrow()
                .group(1);
        HttpResponse<String> tokens = browser.send(HttpRequest.newBuilder(URI.create(kc(
                        "/realms/ent/protocol/openid-connect/token"))).header("Content-Type",
                        "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(Map.of(
                        "grant_type", "authorization_code", "client_id", "ent-web", "code", code, "redirect_uri", WEB,
                        "code_verifier", verifier).entrySet().stream().map(e -> e.getKey() + "=" + enc(e.getValue()))
                        .collect(Collectors.joining("&")))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, tokens.statusCode(), tokens.body());
        String access = Stack.json(tokens).get("access_token").asText();
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = Stack.JSON.readValue(Base64.getUrlDecoder().decode(access.split("\\.")[1]),
                Map.class);
        return claims;
    }

    /** Follows Keycloak's redirects; stops at the first answer that is not one, or at the web client's address. */
    private static HttpResponse<String> follow(HttpClient browser, HttpRequest request) throws Exception {
        HttpResponse<String> response = browser.send(request, HttpResponse.BodyHandlers.ofString());
        for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
            String location = response.headers().firstValue("Location").orElseThrow();
            if (location.startsWith(WEB)) {
                return response;
            }
            URI next = response.uri().resolve(location);
            response = browser.send(HttpRequest.newBuilder(next).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    /**
     * A cookie jar as browsers keep one for http://127.0.0.1, a trustworthy origin: Keycloak's cookies are Secure, which
     * java.net.CookieManager never sends over plain http. Cookies are kept by name and path, sent where the path fits.
     */
    private static final class LoopbackCookies extends java.net.CookieHandler {
        private final Map<String, String[]> jar = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
            String cookies = jar.values().stream().filter(c -> uri.getPath().startsWith(c[1]))
                    .map(c -> c[0]).collect(Collectors.joining("; "));
            return cookies.isEmpty() ? Map.of() : Map.of("Cookie", List.of(cookies));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> headers) {
            headers.forEach((name, values) -> {
                if ("set-cookie".equalsIgnoreCase(name)) {
                    values.forEach(value -> remember(uri, value));
                }
            });
        }

        private void remember(URI uri, String header) {
            String[] parts = header.split(";");
            String pair = parts[0].trim();
            String path = "/";
            boolean expired = false;
            for (String part : parts) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "Path=", 0, 5)) {
                    path = p.substring(5);
                } else if (p.regionMatches(true, 0, "Max-Age=0", 0, 9) && p.length() == 9) {
                    expired = true;
                }
            }
            String key = pair.substring(0, Math.max(0, pair.indexOf('='))) + "@" + path;
            if (expired || pair.endsWith("=")) {
                jar.remove(key);
            } else {
                jar.put(key, new String[] {pair, path});
            }
        }
    }

    private static String adminToken() {
        return Stack.token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username",
                Stack.env("ENT_KEYCLOAK_ADMIN"), "password", Stack.env("ENT_KEYCLOAK_ADMIN_PASSWORD")));
    }

    private static String kc(String path) {
        return Stack.env("ENT_KEYCLOAK_URL") + path;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
