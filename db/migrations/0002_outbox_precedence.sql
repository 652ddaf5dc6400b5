-- Retret Bot schema, version 2 (issue 6, items 7 and 8):
--   outbox.priority   0 for time-critical messages (reminders, briefings, nudges, notices,
--                     alerts), 1 for bulk (broadcasts): the queue is drained by priority, then
--                     in order, so a reminder never waits behind a broadcast;
--   outbox.uncertain  1 once a send of the message timed out: Telegram may have delivered it,
--                     and a retry that succeeds may have made a duplicate;
--   dispatch.recipients  how many people an item was for, also when it expired unsent
--                     (expired items no longer write a row per person);
--   dispatch.at_risk  how many of them were predicted, when queued, to get it too late.
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0;
DROP INDEX outbox_pending;
CREATE INDEX outbox_queue ON outbox (status, priority, id);
ALTER TABLE dispatch ADD COLUMN recipients INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dispatch ADD COLUMN at_risk INTEGER NOT NULL DEFAULT 0;
