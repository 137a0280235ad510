package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.e2e.Stack.Service;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The first event end to end: onde-sync-service → outbox → onde.changes → class-service, across real servers. */
class OndeToClassE2ETest {

    private static final String KEYS = "ABCDEFGHJKLMNPRSTUVWXYZ";

    @Test
    void aSchoolRecordedInOndeSyncIsVisibleInClassServiceWithinSeconds() throws InterruptedException {
        String uai = newUai();
        String body = "{\"name\":\"École de la Gare\",\"academyCode\":\"17\",\"academy\":\"NANTES\","
                + "\"town\":\"Paris\",\"departmental\":false}";
        HttpResponse<String> recorded = Stack.putJson(Service.ONDE_SYNC.url("/api/schools/" + uai),
                Stack.userToken("operateur.demo"), body);
        assertEquals(200, recorded.statusCode(), recorded.body());
        long start = System.nanoTime();

        String rectorat = Stack.userToken("rectorat.demo");
        HttpResponse<String> seen = Stack.get(Service.CLASS.url("/api/schools/" + uai), Optional.of(rectorat));
        // a few seconds on an idle stack; longer when class-service is still applying a large import before it.
        // Until class-service knows the school, the rectorate gets 403 for it, as for another académie's school.
        while (seen.statusCode() == 403 && System.nanoTime() - start < Duration.ofSeconds(90).toNanos()) {
            Thread.sleep(50);
            seen = Stack.get(Service.CLASS.url("/api/schools/" + uai), Optional.of(rectorat));
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.printf("school %s visible in class-service %d ms after onde-sync-service answered%n", uai, millis);

        assertEquals(200, seen.statusCode(), "not visible after " + millis + " ms: " + seen.body());
        JsonNode school = Stack.json(seen);
        assertEquals("École de la Gare", school.get("name").asText());
    }

    @Test
    void aDirecteurOfAnotherSchoolDoesNotSeeIt() {
        HttpResponse<String> response = Stack.get(Service.CLASS.url("/api/schools/0920131T"),
                Optional.of(Stack.userToken("directeur.demo")));
        assertEquals(403, response.statusCode());
    }

    /** A valid UAI not used before, so that the test can run again on the same stack. */
    private static String newUai() {
        int digits = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        return String.format("%07d%c", digits, KEYS.charAt(digits % 23));
    }
}
