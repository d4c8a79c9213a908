-- 0009_case_indexes: indexes the case bench (bench/cases.sh, a million cases) showed missing.
--
-- A case's notifications were found by scanning the whole outbox: with a million cases that was
-- half of the CPU of an acceptance, whose answer lists the case's notifications.
CREATE INDEX outbox_case ON outbox(case_id, id);
