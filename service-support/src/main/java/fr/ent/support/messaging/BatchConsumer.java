package fr.ent.support.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Applies a polled batch of records in one database transaction instead of one per record — an import publishes
 * hundreds of thousands of events, and a commit per event is what limits a consumer. Per-record guarantees are
 * kept: when any record of the batch fails, the whole transaction rolls back and each record is applied again in
 * its own transaction, the failing ones going to the channel's dead-letter topic (with the reason) and the others
 * applied, in order. The channel needs {@code batch=true} and {@code failure-strategy=dead-letter-queue}.
 */
@ApplicationScoped
public class BatchConsumer {

    private static final Logger LOG = Logger.getLogger(BatchConsumer.class);

    /** Applies the batch, then acknowledges it; {@code effect} runs inside a transaction, once per record. */
    public CompletionStage<Void> apply(KafkaRecordBatch<String, String> batch,
            Consumer<ConsumerRecord<String, String>> effect) {
        return applyAll(batch, records -> records.forEach(effect));
    }

    /**
     * Applies the batch, then acknowledges it; {@code effect} runs inside a transaction and gets the whole batch in
     * order (so that it can record and write many records in few statements) — or, after a failure, one record at
     * a time.
     */
    public CompletionStage<Void> applyAll(KafkaRecordBatch<String, String> batch,
            Consumer<List<ConsumerRecord<String, String>>> effect) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        try {
            List<ConsumerRecord<String, String>> all = records.stream().map(BatchConsumer::consumerRecord).toList();
            QuarkusTransaction.requiringNew().run(() -> effect.accept(all));
        } catch (RuntimeException batchFailure) {
            LOG.infof("a batch of %d records failed (%s): applying them one by one", records.size(),
                    batchFailure.getMessage());
            for (KafkaRecord<String, String> record : records) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> effect.accept(List.of(consumerRecord(record))));
                } catch (RuntimeException failure) {
                    record.nack(new IllegalStateException(reason(failure), failure)).toCompletableFuture().join();
                }
            }
        }
        return batch.ack();
    }

    /**
     * The failure in words for the dead letter: its own message and those of its causes — a write refused at commit
     * surfaces as "could not commit", and the reason an operator needs is underneath.
     */
    static String reason(Throwable failure) {
        java.util.LinkedHashSet<String> messages = new java.util.LinkedHashSet<>();
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(List.of(failure));
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty() && messages.size() < 6) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t.getMessage() != null && !(t instanceof java.sql.BatchUpdateException)) {
                String message = t.getMessage().replaceAll("\\s+", " ");
                messages.add(message.length() > 300 ? message.substring(0, 300) + "…" : message);
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        return String.join(" ← ", messages);
    }

    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> record) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, String> consumerRecord = (ConsumerRecord<String, String>) record
                .getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getRecord();
        return consumerRecord;
    }
}
