package fr.ent.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Open-loop load tells a stall (its slowest requests due within one second) from a service slow throughout. */
class OpenLoadTest {

    @Test
    void theSlowestRequestsAreCountedByTheSecondTheyWereDueIn() throws Exception {
        AtomicInteger received = new AtomicInteger();
        // One thread answers: a pause of 600 ms at the 120th request of the run (due 1.2 s into it at 100/s) holds back
        // the requests behind it, and the slowest of all are the first ones it held. 20 requests warm up first (the
        // first request of a JVM, classes loaded and a connection opened, may take as long).
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            if (received.incrementAndGet() == 20 + 120) {
                try {
                    Thread.sleep(600);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URL url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/").toURL();
            OpenLoad.warmUp(url, "token", 20);
            OpenLoad.Result result = OpenLoad.load(url, "token", 100, 2, "ok"::equals);
            assertEquals(200, result.sent());
            assertEquals(0, result.failed());
            assertEquals(Map.of(1, 2), result.slowestBySecond(), "the slowest 1 % (2 of 200) were due at 1.2 s");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theSummaryNamesTheSecondsThatHeldTheMostOfThem() {
        TreeMap<Integer, Integer> slowest = new TreeMap<>(Map.of(17, 10, 4, 150, 5, 40));
        OpenLoad.Result result = new OpenLoad.Result(20_000, 0, 20.0, List.of(), slowest);
        assertEquals("the slowest 1 % (200) were due in 3 of 20 seconds: 4 s 150, 5 s 40, 17 s 10",
                result.slowestSummary());
    }
}
