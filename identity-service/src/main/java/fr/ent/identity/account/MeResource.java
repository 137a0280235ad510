package fr.ent.identity.account;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.PARENT;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final Caller caller;
    private final Accounts accounts;

    public MeResource(Caller caller, Accounts accounts) {
        this.caller = caller;
        this.accounts = accounts;
    }

    /** Any user of the ENT: who they are, and their account when identity-service holds one. */
    @GET
    @RolesAllowed({RECTORAT, DIRECTEUR, ENSEIGNANT, ELEVE, PARENT, OPERATEUR})
    public MeView me() {
        Optional<Account> account = caller.personId().flatMap(accounts::find);
        return new MeView(caller.username(), caller.personId().orElse(null), caller.roles(), caller.uais(),
                account.map(Account::login).orElse(null), account.map(Account::kind).orElse(null),
                account.map(Account::state).orElse(null));
    }
}
