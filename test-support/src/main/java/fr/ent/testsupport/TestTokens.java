package fr.ent.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Bearer tokens shaped like the ones the {@code ent} Keycloak realm issues (realm roles, {@code uai} and
 * {@code person_id} claims), signed with a key pair made for one test run. {@link RealServersResource} hands
 * the public half to the service under test; the private half never leaves the test JVM.
 */
public final class TestTokens {

    public static final String ISSUER = "https://keycloak.test.invalid/realms/ent";
    static final String PRIVATE_KEY_PROPERTY = "ent.test.oidc.private-key";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    /** The audience the suite's services require ({@code quarkus.oidc.token.audience}). */
    public static final String AUDIENCE = "ent-suite";
    /** The académie a rectorate test user acts for unless told otherwise: the one test configurations serve. */
    public static final String TEST_ACADEMY = "17";

    /** Who the token speaks for, in the suite's terms; {@code academies} for rectorate users. */
    public record TestUser(String username, String personId, Set<String> roles, List<String> uais,
            List<String> academies) {

        public TestUser(String username, String personId, Set<String> roles, List<String> uais) {
            this(username, personId, roles, uais, List.of());
        }

        /** A user with one role; a rectorate user acts for {@link #TEST_ACADEMY}. */
        public static TestUser withRole(String role, String... uais) {
            return new TestUser(role + ".test", "P-" + role, Set.of(role), List.of(uais),
                    "rectorat".equals(role) ? List.of(TEST_ACADEMY) : List.of());
        }

        public static TestUser rectoratOf(String... academies) {
            return new TestUser("rectorat.test", "P-rectorat", Set.of("rectorat"), List.of(), List.of(academies));
        }
    }

    private TestTokens() {
    }

    /** Makes the run's key pair and returns it; the private key is kept for {@link #sign}. */
    static KeyPair newSigningKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        // A system property, not a static field: the test and the resource may live in different class loaders.
        System.setProperty(PRIVATE_KEY_PROPERTY, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        return keys;
    }

    public static String sign(TestUser user) {
        return sign(user, AUDIENCE);
    }

    /** A token for another audience (a client of the realm that is not the suite's), which services must refuse. */
    public static String sign(TestUser user, String audience) {
        return sign(user, audience, java.time.Duration.ofMinutes(10));
    }

    /** A token valid for that long from now. */
    public static String sign(TestUser user, java.time.Duration validity) {
        return sign(user, AUDIENCE, validity);
    }

    /**
     * A token whose claims are the user's with some replaced or added: e.g. {@code uai} as one string, as Keycloak
     * sends a single value.
     */
    public static String sign(TestUser user, Map<String, Object> replaced) {
        return sign(user, AUDIENCE, java.time.Duration.ofMinutes(10), replaced);
    }

    private static String sign(TestUser user, String audience, java.time.Duration validity) {
        return sign(user, audience, validity, Map.of());
    }

    private static String sign(TestUser user, String audience, java.time.Duration validity,
            Map<String, Object> replaced) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", UUID.nameUUIDFromBytes(user.username().getBytes(StandardCharsets.UTF_8)).toString());
        claims.put("preferred_username", user.username());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(validity).getEpochSecond());
        claims.put("realm_access", Map.of("roles", user.roles()));
        claims.put("uai", user.uais());
        claims.put("person_id", user.personId());
        claims.put("academie", user.academies());
        claims.put("aud", audience);
        claims.putAll(replaced);
        try {
            String header = URL.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")));
            String payload = URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + URL.encodeToString(signature.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("could not sign a test token", e);
        }
    }

    private static PrivateKey privateKey() throws GeneralSecurityException {
        String encoded = System.getProperty(PRIVATE_KEY_PROPERTY);
        if (encoded == null) {
            throw new IllegalStateException("no test signing key: annotate the test with RealServersResource");
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded)));
    }
}
