package fr.ent.rollover.switchover;

import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.rollover.config.Participants;
import fr.ent.rollover.config.RolloverConfig;
import fr.ent.rollover.progress.ProgressReport;
import fr.ent.rollover.progress.SchoolReadiness;
import fr.ent.rollover.progress.SwitchoverProgress;
import fr.ent.support.security.Caller;
import fr.ent.support.validation.AcademyCode;
import fr.ent.support.validation.ValidSchoolYear;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * SEQ-1, SEQ-3: the rectorate's switchovers — requested for now or a date and time, cancelled until they start,
 * followed school by school. A rectorate user acts for the académies of their token only; operators read every one.
 */
@Path("/api/switchovers")
@Produces(MediaType.APPLICATION_JSON)
public class SwitchoverResource {

    /**
     * @param at when to switch (ISO-8601, e.g. the night of 3 to 4 September: 2018-09-03T22:00:00Z); absent: now
     */
    public record NewSwitchover(@NotNull @AcademyCode String academyCode, @NotNull @ValidSchoolYear String fromYear,
            @NotNull @ValidSchoolYear String toYear, Instant at) {
    }

    private final Caller caller;
    private final Switchovers switchovers;
    private final SwitchoverService service;
    private final SwitchoverProgress progress;
    private final RolloverConfig config;
    private final Participants participants;
    private final SchoolReadiness readiness;

    public SwitchoverResource(Caller caller, Switchovers switchovers, SwitchoverService service,
            SwitchoverProgress progress, RolloverConfig config, Participants participants, SchoolReadiness readiness) {
        this.participants = participants;
        this.readiness = readiness;
        this.caller = caller;
        this.switchovers = switchovers;
        this.service = service;
        this.progress = progress;
        this.config = config;
    }

    /** The switchovers of the caller's académies (every académie for operators), the latest scheduled first. */
    @GET
    @RolesAllowed({RECTORAT, OPERATEUR})
    public List<Switchover> switchovers() {
        return switchovers.list(caller.isOperateur() ? null : caller.academies());
    }

    /** A switchover of the caller's académie: 201 with it, started already when no time is given. */
    @POST
    @RolesAllowed(RECTORAT)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(@Valid @NotNull NewSwitchover request) {
        requireRectoratOf(request.academyCode());
        Switchover created = service.request(request.academyCode(), request.fromYear(), request.toYear(), request.at(),
                caller.username());
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    /** Cancels a switchover that has not started (409 once it has). */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(RECTORAT)
    public Switchover cancel(@PathParam("id") UUID id) {
        Switchover s = visible(id);
        requireRectoratOf(s.academyCode());
        return service.cancel(s, caller.username());
    }

    /** How far the switchover has got, per participant and per school ({@code schools=false}: without the schools). */
    @GET
    @Path("/{id}")
    @RolesAllowed({RECTORAT, OPERATEUR})
    public ProgressReport progress(@PathParam("id") UUID id, @QueryParam("schools") @DefaultValue("true") boolean schools) {
        Switchover s = visible(id);
        List<String> expected = s.startedAt() == null ? List.of() : progress.schools(id);
        Instant now = Instant.now();
        java.util.Map<String, Integer> held = s.status() == Switchover.Status.SCHEDULED && !s.scheduledAt().isAfter(now)
                ? service.behindOnImports(s.academyCode()) : null;
        return ProgressReport.of(s, participants.names(), expected,
                progress.acks(id), readiness.ready(s.toYear(), expected), schools, config.stuckAfter(), now, held);
    }

    /** A switchover the caller may see; another académie's is answered like an unknown one. */
    private Switchover visible(UUID id) {
        return switchovers.find(id).filter(s -> caller.actsForAcademy(s.academyCode()))
                .orElseThrow(() -> new NotFoundException("no switchover " + id));
    }

    private void requireRectoratOf(String academyCode) {
        if (!caller.academies().contains(academyCode)) {
            throw new ForbiddenException("the caller acts for académie(s) " + caller.academies() + ", not "
                    + academyCode);
        }
    }
}
