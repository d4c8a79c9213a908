-- 0008_reports: the rollup behind the supervision reports (docs/reports.md): what each case event
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

-- the fold's work list: source 'event' (ref_id: case_events.id)
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

-- the counts per day: report_facts summed, and the supervision tables' rows (once merged)
-- @sqlite
CREATE TABLE report_daily (
    day TEXT NOT NULL,
    department_id BIGINT NOT NULL,
    metric TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (day, department_id, metric)
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

-- events recorded before this migration are folded like new ones
INSERT INTO report_pending(source, ref_id) SELECT 'event', id FROM case_events ORDER BY id;
