package fr.ent.support.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of a request in ENT terms, read from the access token's claims: {@code person_id} (the ONDE join
 * key) and {@code uai} (the schools they belong to). Services authorise from these, never from a name.
 */
@RequestScoped
public class Caller {

    static final String UAI_CLAIM = "uai";
    static final String PERSON_ID_CLAIM = "person_id";

    private final JsonWebToken token;
    private final SecurityIdentity identity;

    @Inject
    public Caller(JsonWebToken token, SecurityIdentity identity) {
        this.token = token;
        this.identity = identity;
    }

    public String username() {
        return token.getName();
    }

    public Optional<String> personId() {
        return Optional.ofNullable(token.<Object>getClaim(PERSON_ID_CLAIM)).map(Caller::text);
    }

    /** The schools named in the token; Keycloak sends one value as a string and several as an array. */
    public Set<String> uais() {
        Object claim = token.getClaim(UAI_CLAIM);
        Set<String> uais = new TreeSet<>();
        if (claim instanceof JsonArray array) {
            array.forEach(value -> uais.add(text(value)));
        } else if (claim instanceof Collection<?> values) {
            values.forEach(value -> uais.add(text(value)));
        } else if (claim != null) {
            uais.add(text(claim));
        }
        return uais;
    }

    /** The realm roles, as mapped from {@code realm_access/roles}. */
    public Set<String> roles() {
        return identity.getRoles();
    }

    /** Rectorate and operators work across schools; everybody else only in the schools of their token. */
    public boolean seesEverySchool() {
        return roles().contains(Roles.RECTORAT) || roles().contains(Roles.OPERATEUR);
    }

    public boolean maySeeSchool(String uai) {
        return seesEverySchool() || uais().contains(uai);
    }

    private static String text(Object value) {
        return value instanceof JsonString string ? string.getString() : String.valueOf(value);
    }
}
