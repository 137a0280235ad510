package fr.ent.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ent.e2e.Stack.Service;
import fr.ent.contracts.EventTypes;
import fr.ent.contracts.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * SEQ-1, SEQ-3 across the running stack with Keycloak's tokens: the rectorat of académie 44 schedules its switchover
 * a few seconds ahead; at its time rollover-service publishes year-switched, class-service and onde-sync-service
 * advance the académie, class-service acknowledges every school, and the switchover reaches 100 %. Each run switches
 * académie 44 from the year it is in (so that it can run again on the same stack); no other test uses académie 44.
 *
 * <p>The stack's onde-sync-service serves académie 17; académie 44's ONDE feed is stood in for by two
 * {@code school.upserted} events sent on {@code onde.changes} as onde-sync-service would publish them.
 */
class SwitchoverE2ETest {

    private static final String KEYS = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final Duration WITHIN = Duration.ofSeconds(90);

    @Test
    void theRectoratSchedulesItsSwitchoverAndFollowsItToEverySchool() throws InterruptedException {
        String rectorat = Stack.userToken("rectorat44.demo");
        List<String> uais = List.of(newUai(), newUai());
        announceSchools(uais);
        String from = Stack.json(Stack.get(Service.ONDE_SYNC.url("/api/academies/44"), Optional.of(rectorat)))
                .get("currentSchoolYear").asText();
        int start = Integer.parseInt(from.substring(0, 4));
        String to = (start + 1) + "-" + (start + 2);
        // Another académie's rectorat may not; then ours, a few seconds ahead so that the schools are known by then.
        String body = "{\"academyCode\":\"44\",\"fromYear\":\"" + from + "\",\"toYear\":\"" + to + "\",\"at\":\""
                + Instant.now().plusSeconds(8) + "\"}";
        assertEquals(403, Stack.postJson(Service.ROLLOVER.url("/api/switchovers"), Stack.userToken("rectorat.demo"),
                body).statusCode());
        HttpResponse<String> created = Stack.postJson(Service.ROLLOVER.url("/api/switchovers"), rectorat, body);
        assertEquals(201, created.statusCode(), created.body());
        String id = Stack.json(created).get("id").asText();
        assertEquals("SCHEDULED", Stack.json(created).get("status").asText());

        long began = System.nanoTime();
        JsonNode progress = progress(id, rectorat);
        while (!"COMPLETED".equals(progress.get("status").asText())
                && System.nanoTime() - began < WITHIN.toNanos()) {
            Thread.sleep(500);
            progress = progress(id, rectorat);
        }
        assertEquals("COMPLETED", progress.get("status").asText(), progress.toPrettyString());
        assertEquals(100, progress.get("percent").asInt());
        JsonNode classes = progress.get("phases").get(0);
        assertEquals("class-service", classes.get("participant").asText());
        assertEquals(classes.get("schoolsTotal").asInt(), classes.get("schoolsDone").asInt());
        List<String> waitedFor = new ArrayList<>();
        progress.get("schools").forEach(s -> waitedFor.add(s.get("uai").asText()));
        assertTrue(waitedFor.containsAll(uais), "the new schools were waited for: " + waitedFor);

        // onde-sync-service, which keeps the académie's year too but is not a participant (it acknowledges nothing),
        // moves to the new one on the same event, in its own time.
        String year = from;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!year.equals(to) && System.nanoTime() < deadline) {
            year = Stack.json(Stack.get(Service.ONDE_SYNC.url("/api/academies/44"), Optional.of(rectorat)))
                    .get("currentSchoolYear").asText();
            Thread.sleep(200);
        }
        assertEquals(to, year);
        // The same switchover again is refused: the académie is in its to-year now.
        HttpResponse<String> again = Stack.postJson(Service.ROLLOVER.url("/api/switchovers"), rectorat,
                "{\"academyCode\":\"44\",\"fromYear\":\"" + from + "\",\"toYear\":\"" + to + "\"}");
        assertEquals(409, again.statusCode(), again.body());
    }

    private static void announceSchools(List<String> uais) {
        StackServers.publish(Topics.ONDE_CHANGES, "/e2e/academie-44", uais.stream().map(uai -> new String[] {uai,
                EventTypes.ONDE_SCHOOL_UPSERTED, "{\"uai\":\"" + uai + "\",\"name\":\"École " + uai + "\",\"type\":"
                        + "\"ECOLE PRIMAIRE PUBLIQUE\",\"academyCode\":\"44\",\"academy\":\"NANTES\",\"town\":\"Nantes\","
                        + "\"district\":null,\"departmental\":false}"}).toList());
    }

    private static JsonNode progress(String id, String token) {
        HttpResponse<String> response = Stack.get(Service.ROLLOVER.url("/api/switchovers/" + id), Optional.of(token));
        assertEquals(200, response.statusCode(), response.body());
        return Stack.json(response);
    }

    private static String newUai() {
        int digits = ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        return String.format("%07d%c", digits, KEYS.charAt(digits % 23));
    }
}
