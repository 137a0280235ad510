package fr.ent.onde.generator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * An export posted as the rectorate uploads it to onde-sync-service ({@code POST /api/imports}): the zip as one
 * multipart form field, streamed from disk (an export is never held in memory). For the demo, tests and benchmarks.
 */
public final class ExportUpload {

    private ExportUpload() {
    }

    public static HttpRequest postFile(URI uri, String token, String field, Path file, String contentType) {
        String boundary = "ent-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
                                Files.newInputStream(file), new ByteArrayInputStream(tail))));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })).build();
    }
}
