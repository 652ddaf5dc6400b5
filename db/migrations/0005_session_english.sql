-- Retret Bot schema, version 5 (issue 7, item 3): a session's optional English title,
-- location and description, shown to English readers; '' shows the Indonesian field.
ALTER TABLE sessions ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN location_en TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN description_en TEXT NOT NULL DEFAULT '';
