package fr.ent.portal.web;

import fr.ent.portal.gateway.ServiceException;
import io.quarkus.qute.Engine;
import io.quarkus.security.ForbiddenException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every error leaves as a French page: what happened in words, what to do, and the service's own detail when there is
 * one; an unexpected error gets a reference under which it was logged. Never a stack trace.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @Inject
    Engine engine;

    @ServerExceptionMapper
    public Response service(ServiceException e) {
        int status = e.status();
        String what = switch (status) {
            case 400, 422 -> "La demande a été refusée : une valeur n'est pas acceptée.";
            case 403 -> "Vous n'avez pas accès à cette page ou à cette action.";
            case 404 -> "Ce que vous cherchez n'existe pas, ou ne vous est pas visible.";
            case 409 -> "Cette action n'est plus possible dans l'état actuel.";
            case 410 -> "Cet espace est fermé depuis la bascule d'année.";
            case 413 -> "Le fichier est trop volumineux.";
            case 503 -> "Le service ne répond pas pour le moment : " + e.service().inWords() + ".";
            case 504 -> "Le service a mis trop de temps à répondre : " + e.service().inWords() + ".";
            default -> "Le service a rencontré une erreur : " + e.service().inWords() + ".";
        };
        int shown = status == 401 ? 403 : status >= 500 ? 502 : status;
        return page(shown, what, e.detail(), null);
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInput e) {
        return page(400, "Le formulaire n'est pas complet.", e.getMessage(), null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return page(403, "Vous n'avez pas accès à cette page.", "Votre profil ne permet pas cette action.", null);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, "Cette page n'existe pas.", null, null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        return page(status, status == 413 ? "Le fichier est trop volumineux." : "La demande n'a pas pu être traitée.",
                null, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "unexpected error, reference %s", reference);
        return page(500, "Une erreur inattendue est survenue.", null, reference);
    }

    /**
     * An error answered without a body — a filter's refusal, such as a form whose CSRF token is missing or does not
     * match (400) — gets its French page too.
     */
    @ServerResponseFilter
    public void bareErrors(ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return;
        }
        String what = switch (status) {
            case 400 -> "Le formulaire a expiré ou n'a pas pu être vérifié : rechargez la page, puis envoyez-le de "
                    + "nouveau. Rien n'a été modifié.";
            case 401, 403 -> "Vous n'avez pas accès à cette page.";
            case 404 -> "Cette page n'existe pas.";
            case 405 -> "Cette adresse ne s'utilise pas ainsi.";
            case 413 -> "Le fichier est trop volumineux.";
            case 415 -> "Le formulaire envoyé n'a pas la forme attendue.";
            default -> status >= 500 ? "Une erreur inattendue est survenue." : "La demande n'a pas pu être traitée.";
        };
        response.setEntity(html(status, what, null, null), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    private Response page(int status, String what, String detail, String reference) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(html(status, what, detail, reference)).build();
    }

    private String html(int status, String what, String detail, String reference) {
        return engine.getTemplate("error").data("title", "Erreur").data("me", null).data("status", status)
                .data("what", what).data("detail", detail).data("reference", reference).render();
    }
}
