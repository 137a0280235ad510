package fr.ent.rollover.switchover;

import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.RECTORAT;

import io.quarkus.panache.common.Sort;
import fr.ent.support.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/switchovers")
@Produces(MediaType.APPLICATION_JSON)
public class SwitchoverResource {

    @Inject
    Caller caller;

    /** The switchovers of the caller's académies (every académie for operators), the latest scheduled first. */
    @GET
    @RolesAllowed({RECTORAT, OPERATEUR})
    public List<SwitchoverView> switchovers() {
        List<Switchover> switchovers = caller.isOperateur() ? Switchover.listAll(Sort.descending("scheduledAt"))
                : Switchover.list("academyCode in ?1", Sort.descending("scheduledAt"), caller.academies());
        return switchovers.stream().map(SwitchoverView::of).toList();
    }
}
