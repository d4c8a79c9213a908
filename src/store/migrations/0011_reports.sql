-- 0011_reports (0008 on h-rep): the rollup behind the supervision reports (docs/reports.md): what each case event
-- counts as, per department and day, so a half-month or a year is read from a few thousand rows
-- instead of every case; the stored half-monthly reports.
--
-- Days are the UTC+8 day as 'YYYY-MM-DD' text; times are unix milliseconds.
--
-- How it stays right: a trigger puts every new case event on report_pending in the event's own
-- transaction; the fold (svc/reports.c, run by the server's ticker and before every report) takes
-- pending rows in one transaction, writes one report_facts row per (department, metric, day, case)
-- and adds to report_daily only what report_facts newly got, then deletes the pending rows. So a
-- figure of report_daily is always the number of report_facts rows behind it, and the list of
-- cases behind a figure (the trace) is read from report_facts.

-- the fold's work list: source 'event' (ref_id: case_events.id), 'warning_warn' / 'warning_yellow' /
-- 'warning_red' (ref_id: the case of case_warnings), 'order' (supervision_orders.id), 'rating'
-- (ratings.id) and 'unrate' (ratings.id of a rating whose appeal was upheld: it leaves the counts)
CREATE TABLE report_pending (
    id {{ID}},
    source TEXT NOT NULL,
    ref_id BIGINT NOT NULL
);

-- one row per case and metric (enum yc_metric keys of domain/report_period.h) on the day the
-- event happened; a case counted twice the same day for a metric (two stops) is one row
-- @sqlite
CREATE TABLE report_facts (
    department_id BIGINT NOT NULL,
    metric TEXT NOT NULL,
    day TEXT NOT NULL,
    case_id BIGINT NOT NULL,
    PRIMARY KEY (department_id, metric, day, case_id)
) WITHOUT ROWID;
-- @end
-- @pg
CREATE TABLE report_facts (
    department_id BIGINT NOT NULL,
    metric TEXT NOT NULL,
    day TEXT NOT NULL,
    case_id BIGINT NOT NULL,
    PRIMARY KEY (department_id, metric, day, case_id)
);
-- @end

-- the counts per day: report_facts summed, and the rows of the supervision tables (0007): warnings
-- reached by level, orders issued, ratings by level (less those whose appeal was upheld)
-- @sqlite
CREATE TABLE report_daily (
    day TEXT NOT NULL,
    department_id BIGINT NOT NULL,
    metric TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, department_id, metric)
) WITHOUT ROWID;
-- the same counts per month ('YYYY-MM'): a year is read from twelve months, not 365 days
CREATE TABLE report_monthly (
    month TEXT NOT NULL,
    department_id BIGINT NOT NULL,
    metric TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (month, department_id, metric)
) WITHOUT ROWID;
-- cases received per matter and day (the 明进暗不进 rule) and per hall zone and day (Annex 3)
CREATE TABLE report_matter_daily (
    matter_id BIGINT NOT NULL,
    day TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (matter_id, day)
) WITHOUT ROWID;
CREATE TABLE report_zone_daily (
    day TEXT NOT NULL,
    zone_id BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, zone_id)
) WITHOUT ROWID;
-- @end
-- @pg
CREATE TABLE report_daily (
    day TEXT NOT NULL,
    department_id BIGINT NOT NULL,
    metric TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, department_id, metric)
);
CREATE TABLE report_monthly (
    month TEXT NOT NULL,
    department_id BIGINT NOT NULL,
    metric TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (month, department_id, metric)
);
CREATE TABLE report_matter_daily (
    matter_id BIGINT NOT NULL,
    day TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (matter_id, day)
);
CREATE TABLE report_zone_daily (
    day TEXT NOT NULL,
    zone_id BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, zone_id)
);
-- @end

-- the half-monthly report of a period as stored once after the period ended (the ticker), and
-- served as stored from then on; body: the report's JSON
CREATE TABLE report_snapshots (
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    from_day TEXT NOT NULL,
    to_day TEXT NOT NULL,
    body TEXT NOT NULL,
    stored_at BIGINT NOT NULL,
    stored_by TEXT NOT NULL,
    PRIMARY KEY (kind, period)
);

-- @sqlite
CREATE TRIGGER case_events_report AFTER INSERT ON case_events
BEGIN INSERT INTO report_pending(source, ref_id) VALUES ('event', NEW.id); END;
-- @end
-- @pg
CREATE FUNCTION report_enqueue_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO report_pending(source, ref_id) VALUES ('event', NEW.id); RETURN NULL; END $$;
CREATE TRIGGER case_events_report AFTER INSERT ON case_events
FOR EACH ROW EXECUTE FUNCTION report_enqueue_event();
-- @end

-- the supervision tables' rows (migration 0007) go on the same list
-- @sqlite
CREATE TRIGGER case_warnings_report AFTER INSERT ON case_warnings
BEGIN INSERT INTO report_pending(source, ref_id) VALUES ('warning_' || NEW.level, NEW.case_id); END;
CREATE TRIGGER supervision_orders_report AFTER INSERT ON supervision_orders
BEGIN INSERT INTO report_pending(source, ref_id) VALUES ('order', NEW.id); END;
CREATE TRIGGER ratings_report AFTER INSERT ON ratings
BEGIN INSERT INTO report_pending(source, ref_id) VALUES ('rating', NEW.id); END;
CREATE TRIGGER appeals_report AFTER UPDATE OF decision ON appeals
WHEN NEW.decision = 'upheld' AND OLD.decision IS NULL
BEGIN INSERT INTO report_pending(source, ref_id) VALUES ('unrate', NEW.rating_id); END;
-- @end
-- @pg
CREATE FUNCTION report_enqueue_warning() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO report_pending(source, ref_id) VALUES ('warning_' || NEW.level, NEW.case_id);
RETURN NULL; END $$;
CREATE TRIGGER case_warnings_report AFTER INSERT ON case_warnings
FOR EACH ROW EXECUTE FUNCTION report_enqueue_warning();
CREATE FUNCTION report_enqueue_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN INSERT INTO report_pending(source, ref_id) VALUES (TG_ARGV[0], NEW.id); RETURN NULL; END $$;
CREATE TRIGGER supervision_orders_report AFTER INSERT ON supervision_orders
FOR EACH ROW EXECUTE FUNCTION report_enqueue_id('order');
CREATE TRIGGER ratings_report AFTER INSERT ON ratings
FOR EACH ROW EXECUTE FUNCTION report_enqueue_id('rating');
CREATE FUNCTION report_enqueue_unrate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
IF NEW.decision = 'upheld' AND OLD.decision IS NULL THEN
    INSERT INTO report_pending(source, ref_id) VALUES ('unrate', NEW.rating_id);
END IF;
RETURN NULL; END $$;
CREATE TRIGGER appeals_report AFTER UPDATE OF decision ON appeals
FOR EACH ROW EXECUTE FUNCTION report_enqueue_unrate();
-- @end

-- rows recorded before this migration are folded like new ones
INSERT INTO report_pending(source, ref_id) SELECT 'event', id FROM case_events ORDER BY id;
INSERT INTO report_pending(source, ref_id) SELECT 'warning_' || level, case_id FROM case_warnings ORDER BY at;
INSERT INTO report_pending(source, ref_id) SELECT 'order', id FROM supervision_orders ORDER BY id;
INSERT INTO report_pending(source, ref_id) SELECT 'rating', id FROM ratings ORDER BY id;
INSERT INTO report_pending(source, ref_id) SELECT 'unrate', rating_id FROM appeals WHERE decision = 'upheld' ORDER BY id;
