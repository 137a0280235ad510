package fr.ent.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the demo's suite is and how big the académie it generates.
 *
 * @param services the base URL of each service's API
 * @param realm the Keycloak realm whose demo logins the demo uses ({@code ent} on the local stack)
 * @param password the demo logins' password (the local stack's throwaway one)
 * @param pupils the size of the generated académie (150 pupils a school)
 * @param out where the exports and the connection sheets are written
 * @param switchAfter how far ahead the rectorat schedules the switchover
 * @param within how long any one step may take before the demo gives up, saying which
 * @param live whether progress is drawn in place (a terminal) rather than a line every few seconds
 * @param mailApi the mail sink's web API, whose inboxes show the e-mails the suite sent
 */
public record DemoSettings(Services services, String keycloakUrl, String realm, String password, String academyCode,
        String fromYear, int pupils, long seed, Path out, Duration switchAfter, Duration within, boolean live,
        String mailApi) {

    public record Services(String ondeSync, String classes, String identity, String content, String rollover) {
    }
}
