-- Retret Bot schema, version 4 (issue 7, item 1): the roster's optional `salutation`
-- column, 'Bapak' or 'Ibu'; '' means "from the NIP's sex digit" (bot/salutation.py).
ALTER TABLE roster ADD COLUMN salutation TEXT NOT NULL DEFAULT '';
