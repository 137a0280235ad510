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

    /** Applies the batch, then acknowledges it; {@code effect} runs inside a transaction. */
    public CompletionStage<Void> apply(KafkaRecordBatch<String, String> batch,
            Consumer<ConsumerRecord<String, String>> effect) {
        List<KafkaRecord<String, String>> records = batch.getRecords();
        try {
            QuarkusTransaction.requiringNew().run(() -> records.forEach(r -> effect.accept(consumerRecord(r))));
        } catch (RuntimeException batchFailure) {
            LOG.infof("a batch of %d records failed (%s): applying them one by one", records.size(),
                    batchFailure.getMessage());
            for (KafkaRecord<String, String> record : records) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> effect.accept(consumerRecord(record)));
                } catch (RuntimeException failure) {
                    record.nack(failure).toCompletableFuture().join();
                }
            }
        }
        return batch.ack();
    }

    private static ConsumerRecord<String, String> consumerRecord(KafkaRecord<String, String> record) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, String> consumerRecord = (ConsumerRecord<String, String>) record
                .getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getRecord();
        return consumerRecord;
    }
}
