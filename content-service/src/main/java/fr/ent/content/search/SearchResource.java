package fr.ent.content.search;

import static fr.ent.support.security.Roles.DIRECTEUR;
import static fr.ent.support.security.Roles.ELEVE;
import static fr.ent.support.security.Roles.ENSEIGNANT;
import static fr.ent.support.security.Roles.OPERATEUR;
import static fr.ent.support.security.Roles.PARENT;
import static fr.ent.support.security.Roles.RECTORAT;

import fr.ent.support.rest.InvalidInputException;
import fr.ent.support.rest.TextInput;
import fr.ent.support.security.Caller;
import fr.ent.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;

/**
 * Moteur de recherche: {@code GET /api/search?q=…} finds, in the content the caller may read, the items whose title
 * or text hold the words (French stemming: "sorties" finds "sortie"; quotes for a phrase, {@code -mot} to leave a word
 * out), best first, with an excerpt.
 */
@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ENSEIGNANT, DIRECTEUR, ELEVE, PARENT, RECTORAT, OPERATEUR})
public class SearchResource {

    public record Results(String query, List<Search.Hit> hits) {
    }

    private final Search search;
    private final Caller caller;

    public SearchResource(Search search, Caller caller) {
        this.search = search;
        this.caller = caller;
    }

    @GET
    public Results find(@QueryParam("q") @NotBlank @Size(min = 2, max = 200) String q,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        int at = TextInput.controlCharacterAt(q);
        if (at >= 0) {
            throw new InvalidInputException("q", String.format("control character U+%04X at position %d is not accepted",
                    (int) q.charAt(at), at));
        }
        Set<String> schools = caller.uais();
        Set<String> directed = caller.roles().contains(Roles.DIRECTEUR) ? schools : Set.of();
        return new Results(q.strip(), search.find(q.strip(), caller.personId().orElse(""), schools, directed, limit));
    }
}
