package fr.ent.onde.imports;

import java.time.Instant;
import java.util.UUID;

public record ImportView(UUID id, Instant receivedAt, String source, OndeImport.Status status) {

    static ImportView of(OndeImport ondeImport) {
        return new ImportView(ondeImport.id, ondeImport.receivedAt, ondeImport.source, ondeImport.status);
    }
}
