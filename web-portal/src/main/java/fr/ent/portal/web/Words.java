package fr.ent.portal.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The services' codes in French words, for the templates ({@code {inject:words.application(code)}}): applications,
 * ONDE rejection reasons, states, dates in the schools' time zone. Words only — no rule is decided here.
 */
@Named("words")
@ApplicationScoped
public class Words {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'à' HH'h'mm",
            Locale.FRENCH).withZone(PARIS);

    public String application(String code) {
        return switch (code) {
            case "MEDIATHEQUE" -> "Médiathèque (dossiers et fichiers)";
            case "BLOG" -> "Blog (articles)";
            case "CONCOURS_SCOLAIRE" -> "Concours scolaires";
            case "GPS" -> "Carte (points GPS)";
            case "MINISITE" -> "Mini-site";
            case "CAHIER_DE_TEXTES" -> "Cahier de textes";
            case "CAHIER_DE_LIAISON" -> "Cahier de liaison";
            case "AGENDA" -> "Agenda";
            case "MOTEUR_DE_RECHERCHE" -> "Recherches enregistrées";
            default -> code;
        };
    }

    /** ONDE-2's rules in words, with what the school does about it: it is fixed in ONDE, not in the ENT. */
    public String rejection(String code) {
        return switch (code) {
            case "INE_MISSING" -> "L'élève n'a pas d'INE (identifiant national élève).";
            case "INE_INVALID" -> "L'INE de l'élève n'a pas une forme valide.";
            case "NOT_ADMITTED_DEFINITIVELY" -> "L'élève n'est pas admis définitivement (admis provisoirement, "
                    + "seulement inscrit ou radié).";
            case "NO_CLASS" -> "L'élève n'est réparti dans aucune classe.";
            case "NOT_CURRENT_SCHOOL_YEAR" -> "L'élève est scolarisé sur une autre année scolaire que l'année en cours.";
            case "NO_PARENTAL_AUTHORITY" -> "Aucun responsable de l'élève n'a l'autorité parentale.";
            default -> code;
        };
    }

    public String importStatus(String code) {
        return switch (code) {
            case "RECEIVED" -> "reçu";
            case "CHECKING" -> "en vérification";
            case "HELD" -> "retenu : à confirmer ou écarter";
            case "REFUSED" -> "refusé";
            case "PUBLISHING" -> "en cours de publication";
            case "COMPLETED" -> "terminé";
            case "DISCARDED" -> "écarté";
            case "FAILED" -> "échoué";
            default -> code;
        };
    }

    public String switchoverStatus(String code) {
        return switch (code) {
            case "SCHEDULED" -> "programmée";
            case "RUNNING" -> "en cours";
            case "COMPLETED" -> "terminée";
            case "CANCELLED" -> "annulée";
            case "WAITING" -> "en attente";
            case "STUCK" -> "bloqué";
            case "DONE" -> "terminé";
            default -> code;
        };
    }

    public String participant(String code) {
        return switch (code) {
            case "class-service" -> "Classes";
            case "content-service" -> "Contenus";
            case "identity-service" -> "Comptes";
            case "onde-sync-service" -> "Imports ONDE";
            default -> code.startsWith("onde-import") ? "Import ONDE " + code.substring("onde-import".length()).trim()
                    : code;
        };
    }

    /** An instant of a service (ISO-8601) as a French date in Paris time; the text as it came when it is no instant. */
    public String date(Object iso) {
        if (iso == null) {
            return "—";
        }
        try {
            return WHEN.format(Instant.parse(iso.toString()));
        } catch (DateTimeParseException e) {
            return iso.toString();
        }
    }

    /** A size in bytes in words (Ko, Mo). */
    public String size(Object bytes) {
        long n = bytes instanceof Number number ? number.longValue() : 0;
        if (n < 1024) {
            return n + " o";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.FRENCH, "%.1f Ko", n / 1024.0);
        }
        return String.format(Locale.FRENCH, "%.1f Mo", n / (1024.0 * 1024));
    }

    /** Seconds left in words, for live progress. */
    public String seconds(Object value) {
        if (!(value instanceof Number number)) {
            return "inconnu";
        }
        long s = number.longValue();
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }
}
