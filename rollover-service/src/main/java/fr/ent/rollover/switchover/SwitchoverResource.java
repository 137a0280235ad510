package fr.ent.rollover.switchover;

import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.RECTORAT;

import io.quarkus.panache.common.Sort;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/api/switchovers")
@Produces(MediaType.APPLICATION_JSON)
public class SwitchoverResource {

    /** Every switchover, the latest scheduled first. */
    @GET
    @RolesAllowed({RECTORAT, OPERATEUR})
    public List<SwitchoverView> switchovers() {
        return Switchover.<Switchover>listAll(Sort.descending("scheduledAt")).stream().map(SwitchoverView::of).toList();
    }
}
