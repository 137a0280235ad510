-- Who works at each school, from ONDE's staff events: whom notifications are e-mailed to (directeurs, teachers).
CREATE TABLE rollover_staff (
    staff_id  TEXT        NOT NULL,
    uai       VARCHAR(8)  NOT NULL,
    email     TEXT,
    teacher   BOOLEAN     NOT NULL,
    director  BOOLEAN     NOT NULL,
    PRIMARY KEY (staff_id, uai)
);
CREATE INDEX rollover_staff_school ON rollover_staff (uai);

-- The reminders of a scheduled switchover's backup deadline (CNT-5): one row per switchover and delay before it,
-- sent, or passed over when a nearer one was due too (a switchover scheduled three days ahead gets the 3-day one).
CREATE TABLE switchover_reminder (
    switchover_id UUID        NOT NULL REFERENCES switchover (id),
    before        VARCHAR(32) NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    schools       INT         NOT NULL,
    passed_over   BOOLEAN     NOT NULL,
    PRIMARY KEY (switchover_id, before)
);

-- E-mails of notifications, written in the notification's transaction and sent by MailSender: a mail server that is
-- down delays them, never loses them.
CREATE TABLE mail_out (
    id              UUID        PRIMARY KEY,
    notification_id UUID        NOT NULL REFERENCES notification (id),
    recipient       TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    UNIQUE (notification_id, recipient)
);
CREATE INDEX mail_out_pending ON mail_out (next_attempt_at) WHERE sent_at IS NULL;
