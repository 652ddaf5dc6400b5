-- Retret Bot schema, version 7 (issue 8, items 1, 2 and 5): organisers' announcements.
-- One row an announcement; its deliveries are outbox rows with purpose 'broadcast' and
-- item = the announcement's id, so the figures (sent, failed, blocked, stopped) are read
-- from the outbox and survive a restart with it.
--   kind       'text', 'photo' or 'document'; `body` is the text or caption as HTML
--              (the organiser's own formatting kept, everything else escaped);
--   file_id    the photo or document, by Telegram's file_id (sent again by id, no upload);
--   audience_json  the audience as chosen (bot/broadcasts.py Audience);
--   status     'scheduled' (waits for send_at, event time), 'sending', 'stopped' (Stop
--              pressed: what was not sent is skipped), 'done', 'cancelled' (never sent);
--   chat_id, progress_message_id  the organiser's chat and the message edited with progress;
--   reported   1 once the progress message shows the final report.
CREATE TABLE announcements (
    id                   INTEGER PRIMARY KEY,
    created_by           INTEGER NOT NULL,
    created_at           REAL NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('text', 'photo', 'document')),
    body                 TEXT NOT NULL DEFAULT '',
    file_id              TEXT,
    filename             TEXT,
    audience_json        TEXT NOT NULL,
    status               TEXT NOT NULL
                         CHECK (status IN ('scheduled', 'sending', 'stopped', 'done', 'cancelled')),
    send_at              REAL,
    started_at           REAL,
    finished_at          REAL,
    recipients           INTEGER NOT NULL DEFAULT 0,
    chat_id              INTEGER NOT NULL,
    lang                 TEXT NOT NULL DEFAULT 'id',
    progress_message_id  INTEGER,
    reported             INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX announcements_by_status ON announcements (status, send_at);
CREATE INDEX outbox_by_recipient ON outbox (user_id, purpose);
