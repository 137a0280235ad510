package fr.ent.identity.keycloak;

import fr.ent.identity.account.Account;
import fr.ent.identity.account.Kind;
import fr.ent.identity.account.State;
import fr.ent.identity.config.IdentityConfig;
import fr.ent.support.security.Roles;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The realm's users as identity-service keeps them, through Keycloak's Admin API with the service account of
 * {@code ent-services}: username = the login, the ENT roles, attributes {@code person_id} and {@code uai}, staff's
 * academic e-mail. A user is
 * found again by its id, or by its username when it was made before the id was kept (a crash in between); a user of
 * that username who is somebody else is never taken over.
 */
@ApplicationScoped
public class KeycloakUsers {

    /** The realm roles identity-service gives and takes; any other role of a user is left alone. */
    static final Set<String> ENT_ROLES = Set.of(Roles.ELEVE, Roles.PARENT, Roles.ENSEIGNANT, Roles.DIRECTEUR);

    private final Keycloak keycloak;
    private final String realm;
    private final Map<String, RoleRepresentation> roles = new ConcurrentHashMap<>();

    public KeycloakUsers(IdentityConfig config) {
        IdentityConfig.Keycloak k = config.keycloak();
        this.realm = k.realm();
        this.keycloak = KeycloakBuilder.builder().serverUrl(k.url()).realm(k.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS).clientId(k.clientId()).clientSecret(k.clientSecret())
                .build();
    }

    @PreDestroy
    void close() {
        keycloak.close();
    }

    /** Somebody else holds the login in Keycloak: an operator must settle it. */
    public static class UsernameTaken extends RuntimeException {
        UsernameTaken(String login, String holder) {
            super("Keycloak user " + login + " exists for another person (" + holder + ")");
        }
    }

    /**
     * Makes or updates the account's user as the account now is (enabled while active), with its ENT roles.
     *
     * @return the user's id
     */
    public String put(Account account) {
        UserRepresentation wanted = representation(account);
        String id = account.keycloakId();
        if (id != null) {
            try {
                realm().users().get(id).update(wanted);
            } catch (NotFoundException deletedInKeycloak) {
                id = null;
            }
        }
        if (id == null) {
            id = create(account, wanted, null);
        }
        roles(realm().users().get(id), account.roles());
        return id;
    }

    /**
     * The first password of a pupil or parent who has no user yet: the user made with it in one call, then given its
     * roles (two calls instead of five: a class's first sheets make dozens).
     *
     * @return the user's id
     */
    public String createWithPassword(Account account, String password) {
        UserRepresentation wanted = representation(account);
        wanted.setCredentials(List.of(credential(password)));
        String id = create(account, wanted, password);
        addRoles(realm().users().get(id), account.roles().stream().map(this::role).toList());
        return id;
    }

    /** Removes the user; one already gone is fine. */
    public void delete(String id) {
        try (Response response = realm().users().delete(id)) {
            if (response.getStatus() != 204 && response.getStatus() != 404) {
                throw new IllegalStateException("Keycloak answered " + response.getStatus() + " to deleting user " + id);
            }
        }
    }

    /** A new password for the user, permanent (a connection sheet's). Never logged. */
    public void setPassword(String id, String password) {
        realm().users().get(id).resetPassword(credential(password));
    }

    private static CredentialRepresentation credential(String password) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(password);
        credential.setTemporary(false);
        return credential;
    }

    /**
     * Creates the user; when it exists already for this person (made before a crash kept its id), it is updated
     * instead, and given {@code password} if there is one.
     */
    private String create(Account account, UserRepresentation wanted, String password) {
        try (Response response = realm().users().create(wanted)) {
            if (response.getStatus() == 201) {
                return CreatedResponseUtil.getCreatedId(response);
            }
            if (response.getStatus() != 409) {
                throw new IllegalStateException("Keycloak answered " + response.getStatus() + " to creating user "
                        + account.login());
            }
        }
        UserRepresentation existing = realm().users().searchByUsername(account.login(), true).stream().findFirst()
                .orElseThrow(() -> conflict(account, wanted));
        String holder = first(existing.getAttributes(), "person_id");
        if (!account.personId().equals(holder)) {
            throw new UsernameTaken(account.login(), holder);
        }
        wanted.setCredentials(null);
        realm().users().get(existing.getId()).update(wanted);
        if (password != null) {
            setPassword(existing.getId(), password);
        }
        return existing.getId();
    }

    /**
     * Why Keycloak refused a new user whose username nobody has: the realm allows one user per e-mail, and another
     * user has this one (two staff with the same academic address in ONDE).
     */
    private IllegalStateException conflict(Account account, UserRepresentation wanted) {
        String holder = wanted.getEmail() == null ? null : realm().users().searchByEmail(wanted.getEmail(), true)
                .stream().findFirst().map(UserRepresentation::getUsername).orElse(null);
        return new IllegalStateException(holder == null
                ? "Keycloak says user " + account.login() + " exists but does not find it"
                : "the e-mail " + wanted.getEmail() + " of " + account.login() + " is already Keycloak user " + holder
                        + "'s (the realm allows one user per e-mail; ONDE gives both the same address)");
    }

    private void roles(UserResource user, List<String> wanted) {
        Set<String> has = user.roles().realmLevel().listAll().stream().map(RoleRepresentation::getName)
                .filter(ENT_ROLES::contains).collect(Collectors.toSet());
        List<RoleRepresentation> add = wanted.stream().filter(r -> !has.contains(r)).map(this::role).toList();
        List<RoleRepresentation> remove = has.stream().filter(r -> !wanted.contains(r)).map(this::role).toList();
        addRoles(user, add);
        if (!remove.isEmpty()) {
            user.roles().realmLevel().remove(remove);
        }
    }

    /**
     * Gives the user these roles. The provisioner and a class's first sheets may give one user its role at the same
     * moment; Keycloak then refuses the second as a duplicate, which is fine once the user has every role.
     */
    private static void addRoles(UserResource user, List<RoleRepresentation> roles) {
        if (roles.isEmpty()) {
            return;
        }
        try {
            user.roles().realmLevel().add(roles);
        } catch (ClientErrorException refused) {
            Set<String> has = user.roles().realmLevel().listAll().stream().map(RoleRepresentation::getName)
                    .collect(Collectors.toSet());
            if (!roles.stream().map(RoleRepresentation::getName).allMatch(has::contains)) {
                throw refused;
            }
        }
    }

    private RoleRepresentation role(String name) {
        return roles.computeIfAbsent(name, n -> realm().roles().get(n).toRepresentation());
    }

    private static UserRepresentation representation(Account account) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(account.login());
        user.setEnabled(account.state() == State.ACTIVE);
        user.setFirstName(account.firstName());
        user.setLastName(account.lastName());
        // Staff only: their academic e-mail is unique, and is what links their academic login to this account (IDN-1);
        // parents often share one, which the realm, refusing duplicate e-mails, would refuse.
        user.setEmail(account.kind() == Kind.STAFF ? account.email() : null);
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put("person_id", List.of(account.personId()));
        attributes.put("uai", account.uais());
        user.setAttributes(attributes);
        return user;
    }

    private static String first(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes == null ? null : attributes.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }
}
