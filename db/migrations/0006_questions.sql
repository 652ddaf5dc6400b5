-- Retret Bot schema, version 6 (issue 8, item 3): participants' questions to the organisers.
-- `id` is the number organisers see ("#12", "/jawab 12 ..."). The message that carried a
-- question to an organisers' chat is the outbox row (purpose 'question', item = id), whose
-- message_id lets a reply to that message find its question. An answer is claimed once
-- (status 'open' -> 'answered' in one statement): two organisers answering at once send
-- one answer, and the other is told who was first.
CREATE TABLE questions (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    text           TEXT NOT NULL,
    asked_at       REAL NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered')),
    answer         TEXT,
    answered_by    INTEGER,
    answerer_name  TEXT,
    answered_at    REAL
);
CREATE INDEX questions_by_status ON questions (status, id);
CREATE INDEX questions_by_user ON questions (user_id, status);
CREATE INDEX outbox_by_message ON outbox (chat_id, message_id);
