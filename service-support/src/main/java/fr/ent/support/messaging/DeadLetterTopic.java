package fr.ent.support.messaging;

/** A consuming channel of this service, the topic it reads and the dead-letter topic its failures go to. */
public record DeadLetterTopic(String channel, String topic, String deadLetterTopic, long count) {
}
