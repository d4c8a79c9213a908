-- 0012_lookup_indexes: two lookups the acceptance bench (bench/cases.sh) showed reading a whole table.
--
-- A case's ratings (the case detail lists them; every acceptance answers with its detail): the only
-- index on ratings(case_id) was the partial one of one rating per stage (stage <> 'rectification'),
-- which a lookup by case alone cannot use, so each detail scanned every rating ever given.
CREATE INDEX ratings_case ON ratings(case_id, id);

-- The fold's supervision rows (warnings, orders, ratings) were found by scanning the whole work
-- list three times per batch, case events included: by source, the batch reads only its own rows.
CREATE INDEX report_pending_source ON report_pending(source, id);

-- The live board's two cards beside the counts read every supervision order and every
-- rectification ever made (10,000 and 60,000 in the reports bench) on each load: the orders not
-- yet closed and the real-name bad reviews only (the terms are the board's, word for word).
CREATE INDEX supervision_orders_unclosed ON supervision_orders(department_id) WHERE state <> 'closed';
CREATE INDEX rectifications_real_name ON rectifications(department_id) WHERE real_name = 1 AND state <> 'void';
