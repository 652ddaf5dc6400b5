-- Retret Bot schema, version 8 (issue 9): evening reflections, one per participant per day.
--   reflections         one row per (participant, day) once the first answer is given;
--                       `finished_at` set when every question of the day has an answer.
--   reflection_answers  one row per (participant, day, question), written the moment the
--                       answer is given and overwritten by an edit (never a second row);
--                       `kind` is the question's type when answered (rating | choice | text),
--                       so figures (average rating, value counts) need no agenda:
--                         SELECT value, COUNT(*) FROM reflection_answers
--                          WHERE day = ? AND kind = 'rating' GROUP BY value;
--                       and an export row per participant and day is one GROUP BY (user_id, day).
-- `day` is the event's local date (YYYY-MM-DD). Deleting a participant deletes both.
CREATE TABLE reflections (
    user_id      INTEGER NOT NULL REFERENCES participants (user_id) ON DELETE CASCADE,
    day          TEXT NOT NULL,
    started_at   REAL NOT NULL,
    updated_at   REAL NOT NULL,
    finished_at  REAL,
    PRIMARY KEY (user_id, day)
);
CREATE INDEX reflections_by_day ON reflections (day, finished_at);

CREATE TABLE reflection_answers (
    user_id      INTEGER NOT NULL,
    day          TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('rating', 'choice', 'text')),
    value        TEXT NOT NULL,
    answered_at  REAL NOT NULL,
    updated_at   REAL NOT NULL,
    PRIMARY KEY (user_id, day, question_id),
    FOREIGN KEY (user_id, day) REFERENCES reflections (user_id, day) ON DELETE CASCADE
);
CREATE INDEX reflection_answers_by_day ON reflection_answers (day, question_id);
