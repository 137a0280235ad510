package fr.ent.support.security;

import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of a request in ENT terms, read from the access token's claims: {@code person_id} (the ONDE join
 * key), {@code uai} (the schools they belong to) and, for rectorate users, {@code academie} (the académies they
 * act for). Services authorise from these, never from a name. Operators see every académie; a rectorate user only
 * theirs; everybody else only the schools of their token.
 *
 * <p>Claims are read from the verified token's claims, once a request each. smallrye-jwt's
 * {@link JsonWebToken#getClaim} first looks every name up among the standard claims by {@code Claims.valueOf}, which
 * throws for a name it does not know and fills the exception's stack trace, as deep as the request's: each of our
 * claims cost one (three per class-choice request, a tenth of what class-service allocated under P1's class-choice
 * load).
 */
@RequestScoped
public class Caller {

    static final String UAI_CLAIM = "uai";
    static final String PERSON_ID_CLAIM = "person_id";
    static final String ACADEMY_CLAIM = "academie";

    private final JsonWebToken token;
    private final SecurityIdentity identity;
    private Optional<String> personId;
    private Set<String> uais;

    @Inject
    public Caller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    public String username() {
        return token.getName();
    }

    /** How the caller is named to others: the token's {@code name} (given and family names), else their username. */
    public String displayName() {
        Object name = claim("name");
        String text = name == null ? null : text(name);
        return text == null || text.isBlank() ? username() : text.strip();
    }

    /** The caller's bearer token as received, to ask another service on their behalf with their own rights. */
    public String rawToken() {
        return token.getRawToken();
    }

    public Optional<String> personId() {
        if (personId == null) {
            personId = Optional.ofNullable(claim(PERSON_ID_CLAIM)).map(Caller::text);
        }
        return personId;
    }

    /** The schools named in the token. */
    public Set<String> uais() {
        if (uais == null) {
            uais = values(UAI_CLAIM);
        }
        return uais;
    }

    /** The académies a rectorate user acts for, from the token (the user's {@code academie} attribute). */
    public Set<String> academies() {
        return values(ACADEMY_CLAIM);
    }

    /** Keycloak sends one value as a string and several as an array. */
    private Set<String> values(String name) {
        Object claim = claim(name);
        Set<String> values = new TreeSet<>();
        if (claim instanceof JsonArray array) {
            array.forEach(value -> values.add(text(value)));
        } else if (claim instanceof Collection<?> list) {
            list.forEach(value -> values.add(text(value)));
        } else if (claim != null) {
            values.add(text(claim));
        }
        return Collections.unmodifiableSet(values);
    }

    /**
     * A claim's value, from the verified claims when the identity is the OIDC extension's (every bearer token, and the
     * tests' signed ones); {@code getClaim} otherwise, e.g. for an identity a test made without a token.
     */
    private Object claim(String name) {
        if (identity.getPrincipal() instanceof OidcJwtCallerPrincipal principal) {
            return principal.getClaims().getClaimValue(name);
        }
        return token.getClaim(name);
    }

    /** The realm roles, as mapped from {@code realm_access/roles}. */
    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean isOperateur() {
        return roles().contains(Roles.OPERATEUR);
    }

    /** Operators act on every académie; a rectorate user on those of their token; nobody else on a whole one. */
    public boolean actsForAcademy(String academyCode) {
        return isOperateur() || (roles().contains(Roles.RECTORAT) && academyCode != null
                && academies().contains(academyCode));
    }

    /** Whether the token names the school (its staff, pupils and parents). */
    public boolean belongsTo(String uai) {
        return uais().contains(uai);
    }

    /** A school is visible to those who belong to it and to those who act for its académie. */
    public boolean maySeeSchool(String uai, String academyCode) {
        return belongsTo(uai) || actsForAcademy(academyCode);
    }

    private static String text(Object value) {
        return value instanceof JsonString string ? string.getString() : String.valueOf(value);
    }
}
