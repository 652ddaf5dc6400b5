-- Retret Bot schema, version 1.
-- Times: `*_at` columns are POSIX seconds (REAL) of event time (the bot's clock);
-- session dates and times are the event's local calendar values as text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE event (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    name            TEXT NOT NULL,
    venue           TEXT NOT NULL,
    timezone        TEXT NOT NULL,
    schedule_json   TEXT NOT NULL,
    questions_json  TEXT NOT NULL,
    source          TEXT NOT NULL,
    imported_at     REAL NOT NULL
);

CREATE TABLE sessions (
    id            TEXT PRIMARY KEY,
    date          TEXT NOT NULL,
    start         TEXT NOT NULL,
    end           TEXT NOT NULL,
    title         TEXT NOT NULL,
    kind          TEXT NOT NULL,
    location      TEXT NOT NULL DEFAULT '',
    speaker       TEXT NOT NULL DEFAULT '',
    description   TEXT NOT NULL DEFAULT '',
    audience_json TEXT NOT NULL DEFAULT '["all"]',
    remind_json   TEXT,
    checkin       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_by_time ON sessions (date, start);

CREATE TABLE roster (
    nip          TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    position     TEXT NOT NULL,
    unit         TEXT NOT NULL,
    grp          TEXT NOT NULL DEFAULT '',
    phone        TEXT NOT NULL DEFAULT '',
    imported_at  REAL NOT NULL
);

-- Everyone who has written to the bot, registered or not.
CREATE TABLE users (
    user_id     INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL,
    language    TEXT,
    first_name  TEXT NOT NULL DEFAULT '',
    created_at  REAL NOT NULL
);

CREATE TABLE participants (
    user_id        INTEGER PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    nip            TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    position       TEXT NOT NULL DEFAULT '',
    unit           TEXT NOT NULL DEFAULT '',
    grp            TEXT NOT NULL DEFAULT '',
    verified       INTEGER NOT NULL DEFAULT 1,
    status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
    reminders      INTEGER NOT NULL DEFAULT 1,
    registered_at  REAL NOT NULL
);

-- Per-user conversation state that survives restarts (registration, check-in code, ...).
CREATE TABLE conversations (
    user_id     INTEGER PRIMARY KEY,
    flow        TEXT NOT NULL,
    state       TEXT NOT NULL,
    data_json   TEXT NOT NULL DEFAULT '{}',
    updated_at  REAL NOT NULL
);

-- One-use deep-link codes for one-tap registration.
CREATE TABLE invites (
    code  TEXT PRIMARY KEY,
    nip   TEXT NOT NULL UNIQUE REFERENCES roster (nip) ON DELETE CASCADE
);

-- Every automatic message the schedule holds: what, when, until when it is worth sending.
CREATE TABLE dispatch (
    key         TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    item        TEXT NOT NULL,
    due_at      REAL NOT NULL,
    expires_at  REAL NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'done', 'expired', 'cancelled')),
    done_at     REAL
);
CREATE INDEX dispatch_pending ON dispatch (status, due_at);

-- Every bot-initiated message; `key` = purpose:item:recipient, so nothing goes twice.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    purpose      TEXT NOT NULL,
    item         TEXT NOT NULL,
    user_id      INTEGER,
    chat_id      INTEGER NOT NULL,
    payload_json TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'expired', 'skipped')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    created_at   REAL NOT NULL,
    expires_at   REAL,
    updated_at   REAL NOT NULL,
    sent_at      REAL,
    message_id   INTEGER,
    error        TEXT
);
CREATE INDEX outbox_pending ON outbox (status, id);
CREATE INDEX outbox_by_item ON outbox (purpose, item);

CREATE TABLE attendance (
    session_id  TEXT NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES participants (user_id) ON DELETE CASCADE,
    checked_at  REAL NOT NULL,
    method      TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id)
);

CREATE TABLE checkin_codes (
    session_id  TEXT PRIMARY KEY,
    code        TEXT NOT NULL,
    issued_at   REAL NOT NULL,
    issued_by   INTEGER NOT NULL
);

CREATE TABLE errors (
    id    INTEGER PRIMARY KEY,
    at    REAL NOT NULL,
    text  TEXT NOT NULL
);
