-- Retret Bot schema, version 3: attempts that guard NIP lookups, invite codes and
-- check-in codes (issue 6, item 15). Per account (`user_id`), per purpose ('nip',
-- 'checkin_code') and scope (the session for a check-in code, else ''):
--   kind 'failed'   a NIP invalid, not on the roster or taken, a wrong invite or check-in code;
--   kind 'revealed' a roster identity shown for confirmation (`subject`: a hash of the NIP,
--                   so one identity shown twice counts once);
--   kind 'reported' the organisers were told of this account reaching the limit.
-- `detail` holds a masked NIP at most. Rows older than the window are pruned as new ones come.
CREATE TABLE attempts (
    id       INTEGER PRIMARY KEY,
    user_id  INTEGER NOT NULL,
    purpose  TEXT NOT NULL,
    scope    TEXT NOT NULL DEFAULT '',
    kind     TEXT NOT NULL CHECK (kind IN ('failed', 'revealed', 'reported')),
    subject  TEXT NOT NULL DEFAULT '',
    detail   TEXT NOT NULL DEFAULT '',
    at       REAL NOT NULL
);
CREATE INDEX attempts_by_account ON attempts (user_id, purpose, scope, at);
