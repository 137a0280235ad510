package fr.ent.contracts;

/** CloudEvents binary-mode Kafka headers carried by every record; {@link #ID} is what consumers deduplicate on. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";

    private CloudEventHeaders() {
    }
}
