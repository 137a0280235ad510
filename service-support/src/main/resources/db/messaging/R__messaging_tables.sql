-- The tables of service-support's messaging, in every service's database. A repeatable migration, so that it
-- never competes with a service's own version numbers: every statement must stay idempotent.

-- Transactional outbox: written in the same transaction as the state change, published by OutboxRelay.
-- Column names follow the outbox convention (id, aggregatetype, aggregateid, type, payload), so that
-- change-data-capture could replace the relay.
CREATE TABLE IF NOT EXISTS outbox_event (
    seq           BIGSERIAL    PRIMARY KEY,
    id            UUID         NOT NULL,  -- ce_id; random, so not indexed (nothing looks rows up by it)
    aggregatetype VARCHAR(255) NOT NULL,  -- the topic
    aggregateid   VARCHAR(255) NOT NULL,  -- the record key
    type          VARCHAR(255) NOT NULL,
    subject       VARCHAR(255),
    payload       TEXT         NOT NULL,
    occurred_at   TIMESTAMPTZ  NOT NULL,
    sent_at       TIMESTAMPTZ
);
-- lz4 rather than PostgreSQL's default pglz for the payloads large enough to be compressed (over 2 kB: rosters,
-- responsables, a school's accounts): about three times faster to write. Setting it again changes nothing.
ALTER TABLE outbox_event ALTER COLUMN payload SET COMPRESSION lz4;
CREATE INDEX IF NOT EXISTS outbox_event_pending ON outbox_event (seq) WHERE sent_at IS NULL;
-- BRIN: rows are sent in about the order they were written, and a BRIN index costs almost nothing to keep.
CREATE INDEX IF NOT EXISTS outbox_event_sent ON outbox_event USING brin (sent_at);

-- Idempotent consumers: the events each consumer applied, written with the effect.
CREATE TABLE IF NOT EXISTS processed_event (
    consumer     VARCHAR(128) NOT NULL,
    event_id     UUID         NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Dead letters an operator replayed: who, when.
CREATE TABLE IF NOT EXISTS dead_letter_replay (
    dlq_topic     VARCHAR(255) NOT NULL,
    dlq_partition INTEGER      NOT NULL,
    dlq_offset    BIGINT       NOT NULL,
    replayed_at   TIMESTAMPTZ  NOT NULL,
    replayed_by   VARCHAR(255) NOT NULL,
    PRIMARY KEY (dlq_topic, dlq_partition, dlq_offset)
);

-- Wakes the relay as soon as a transaction that wrote events commits (PostgreSQL delivers NOTIFY at commit),
-- so that it need not poll often.
CREATE OR REPLACE FUNCTION outbox_event_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('ent_outbox', '');
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE OR REPLACE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
