package fr.ent.portal.rectorate;

import static fr.ent.portal.gateway.Gateway.segment;
import static fr.ent.portal.gateway.Service.CONTENT;
import static fr.ent.portal.gateway.Service.ONDE_SYNC;
import static fr.ent.portal.gateway.Service.ROLLOVER;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.portal.gateway.Gateway;
import fr.ent.portal.gateway.ServiceException;
import fr.ent.portal.web.Forms;
import fr.ent.portal.web.InvalidInput;
import fr.ent.portal.web.Pages;
import fr.ent.portal.web.Words;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The rectorat's screens: ONDE imports (upload, status with live progress, held imports to confirm or discard with
 * the reason shown) and switchovers (schedule or trigger, cancel, live progress per school with the time left).
 * The {@code …/etat} addresses give the same progress as JSON, for the page's script that follows it live.
 */
@Path("/rectorat")
@RolesAllowed("rectorat")
@Produces(MediaType.TEXT_HTML)
public class RectoratePages {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Set<String> FINAL_IMPORTS = Set.of("REFUSED", "COMPLETED", "DISCARDED", "FAILED");

    @Inject
    Pages pages;

    @Inject
    Gateway gateway;

    @Inject
    Words words;

    @GET
    @Path("/imports")
    public TemplateInstance imports() {
        return pages.page("rectorat/imports", "Imports ONDE")
                .data("imports", Pages.list(gateway.get(ONDE_SYNC, "/api/imports")));
    }

    @POST
    @Path("/imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("export") FileUpload export) {
        if (export == null || export.fileName() == null || export.fileName().isBlank() || export.size() == 0) {
            throw new InvalidInput("Choisissez le fichier d'export ONDE (une archive .zip) à importer.");
        }
        JsonNode accepted = gateway.upload(ONDE_SYNC, "/api/imports", "export", export.fileName(), "application/zip",
                export.uploadedFile());
        return Forms.seeOther("/rectorat/imports/" + segment(accepted.path("id").asText()));
    }

    @GET
    @Path("/imports/{id}")
    public TemplateInstance importStatus(@PathParam("id") String id) {
        return pages.page("rectorat/import", "Import ONDE").data("run", Pages.plain(gateway.get(ONDE_SYNC,
                "/api/imports/" + segment(Forms.uuid(id, "import")))));
    }

    @GET
    @Path("/imports/{id}/etat")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> importProgress(@PathParam("id") String id) {
        JsonNode run = gateway.get(ONDE_SYNC, "/api/imports/" + segment(Forms.uuid(id, "import")) + "?schools=false");
        JsonNode progress = run.path("progress");
        Map<String, Object> now = new LinkedHashMap<>();
        String status = run.path("status").asText();
        now.put("final", FINAL_IMPORTS.contains(status) || status.equals("HELD"));
        now.put("status", words.importStatus(status));
        now.put("phase", run.path("phase").asText(""));
        now.put("percent", progress.path("percent").asDouble(0));
        now.put("left", words.seconds(progress.path("estimatedSecondsLeft").isNumber()
                ? progress.path("estimatedSecondsLeft").asLong() : null));
        now.put("schools", progress.path("schoolsPublished").asInt() + " / " + progress.path("schoolsToPublish").asInt());
        return now;
    }

    @POST
    @Path("/imports/{id}/confirmer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@PathParam("id") String id) {
        return decide(id, "confirm");
    }

    @POST
    @Path("/imports/{id}/ecarter")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response discard(@PathParam("id") String id) {
        return decide(id, "discard");
    }

    /** The rectorat's decision on an import (confirm or discard), then its page again. */
    private Response decide(String id, String decision) {
        gateway.post(ONDE_SYNC, "/api/imports/" + segment(Forms.uuid(id, "import")) + "/" + decision, null);
        return Forms.seeOther("/rectorat/imports/" + segment(id));
    }

    @GET
    @Path("/bascules")
    public TemplateInstance switchovers() {
        var me = pages.me();
        Map<String, Object> years = new LinkedHashMap<>();
        for (String academy : me.academies()) {
            try {
                years.put(academy, Pages.plain(gateway.get(ONDE_SYNC, "/api/academies/" + segment(academy))));
            } catch (ServiceException e) {
                years.put(academy, null);
            }
        }
        return pages.page("rectorat/bascules", "Bascules d'année scolaire")
                .data("switchovers", Pages.list(gateway.get(ROLLOVER, "/api/switchovers"))).data("years", years);
    }

    @POST
    @Path("/bascules")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response request(@FormParam("academyCode") String academy, @FormParam("fromYear") String fromYear,
            @FormParam("toYear") String toYear, @FormParam("when") String when, @FormParam("at") String at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("academyCode", Forms.token(academy, "académie"));
        body.put("fromYear", Forms.token(fromYear, "année qui se termine"));
        body.put("toYear", Forms.token(toYear, "nouvelle année"));
        if ("later".equals(when)) {
            String local = Forms.required(at, "date et heure de la bascule", 32);
            try {
                body.put("at", LocalDateTime.parse(local).atZone(PARIS).toInstant().toString());
            } catch (DateTimeParseException e) {
                throw new InvalidInput("La date et l'heure de la bascule ne sont pas reconnues (jj/mm/aaaa hh:mm).");
            }
        } else if (!"now".equals(when)) {
            throw new InvalidInput("Choisissez de lancer la bascule maintenant ou de la programmer.");
        }
        JsonNode created = gateway.post(ROLLOVER, "/api/switchovers", body);
        return Forms.seeOther("/rectorat/bascules/" + segment(created.path("id").asText()));
    }

    @GET
    @Path("/bascules/{id}")
    public TemplateInstance switchover(@PathParam("id") String id) {
        JsonNode report = gateway.get(ROLLOVER, "/api/switchovers/" + segment(Forms.uuid(id, "bascule")));
        return pages.page("rectorat/bascule", "Bascule " + report.path("fromYear").asText() + " → "
                + report.path("toYear").asText()).data("report", Pages.plain(report)).data("preview", previewOf(report));
    }

    /** What the switchover will do to the académie's content, while it has not done it yet; null otherwise. */
    private Object previewOf(JsonNode report) {
        String status = report.path("status").asText();
        if (!status.equals("SCHEDULED") && !status.equals("RUNNING")) {
            return null;
        }
        try {
            return Pages.plain(gateway.get(CONTENT, "/api/academies/" + segment(report.path("academyCode").asText())
                    + "/switchover-preview?fromYear=" + segment(report.path("fromYear").asText())));
        } catch (ServiceException e) {
            return null; // a help, not the page: the progress is shown all the same
        }
    }

    @GET
    @Path("/bascules/{id}/etat")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> switchoverProgress(@PathParam("id") String id) {
        JsonNode report = gateway.get(ROLLOVER, "/api/switchovers/" + segment(Forms.uuid(id, "bascule"))
                + "?schools=false");
        Map<String, Object> now = new LinkedHashMap<>();
        String status = report.path("status").asText();
        boolean imported = report.path("newYearImport").path("state").asText().equals("DONE");
        now.put("final", status.equals("CANCELLED") || (status.equals("COMPLETED") && imported));
        now.put("status", words.switchoverStatus(status));
        now.put("percent", report.path("percent").asDouble(0));
        List<Map<String, String>> phases = new ArrayList<>();
        List<JsonNode> all = new ArrayList<>();
        report.path("phases").forEach(all::add);
        if (report.hasNonNull("newYearImport")) {
            all.add(report.path("newYearImport"));
        }
        for (JsonNode phase : all) {
            String state = phase.path("state").asText();
            phases.add(Map.of("name", words.participant(phase.path("participant").asText()),
                    "state", words.switchoverStatus(state),
                    "schools", phase.path("schoolsDone").asInt() + " / " + phase.path("schoolsTotal").asInt(),
                    "left", state.equals("DONE") ? "—" : words.seconds(phase.path("estimatedSecondsLeft").isNumber()
                            ? phase.path("estimatedSecondsLeft").asLong() : null)));
        }
        now.put("phases", phases);
        return now;
    }

    @POST
    @Path("/bascules/{id}/annuler")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@PathParam("id") String id) {
        gateway.post(ROLLOVER, "/api/switchovers/" + segment(Forms.uuid(id, "bascule")) + "/cancel", null);
        return Forms.seeOther("/rectorat/bascules/" + segment(id));
    }
}
