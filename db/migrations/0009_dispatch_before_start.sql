-- Retret Bot schema, version 9 (tester's finding A):
--   dispatch.before_start  1 for an item whose moment had already passed when it was first
--                          planned (the bot first ran, or the agenda was imported, after it):
--                          it was never sendable, so /status does not call it a late delivery.
ALTER TABLE dispatch ADD COLUMN before_start INTEGER NOT NULL DEFAULT 0;
