package fr.ent.identity.account;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.PARENT;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    Caller caller;

    /** Any user of the ENT: a token without one of the suite's roles is refused. */
    @GET
    @RolesAllowed({RECTORAT, DIRECTEUR, ENSEIGNANT, ELEVE, PARENT, OPERATEUR})
    public MeView me() {
        Optional<Account> account = caller.personId().flatMap(id -> Account.<Account>findByIdOptional(id));
        return new MeView(caller.username(), caller.personId().orElse(null), caller.roles(), caller.uais(),
                account.map(a -> a.login).orElse(null), account.map(a -> a.kind).orElse(null));
    }
}
