-- 0007_supervision: supervision and evaluation (督办 and 好差评, docs/supervision.md): the board's
-- materialised warning levels and the log of warnings reached, supervision orders with their cases
-- and replies, ratings (immutable), rectifications of bad reviews and appeals.
--
-- Days are the UTC+8 day as 'YYYY-MM-DD' text (they compare as strings); times are unix
-- milliseconds. Every table that a report counts carries the department and a day, indexed as
-- (day, department_id) for a period over all departments and (department_id, day) for one.

-- the scan finds the cases changed since its last run, and walks the open states, by these
CREATE INDEX cases_updated ON cases(updated_at, id);
CREATE INDEX cases_state_id ON cases(state, id);

-- One row per case whose decision clock is not finished (received ... signed): the statutory
-- clock's thresholds as computed by domain/supervise.h, so the board's level of a case on day D is
-- red if red_day <= D, else yellow if yellow_day <= D, else warn if warn_day <= D, else none (a
-- NULL threshold is never reached). Rewritten by the scan when the case's version changes (a stop,
-- a resumption, an extension, a decision) or the calendar does; refresh_day: recompute on that day
-- (stopped clocks, whose provisional ends move daily). notified_level: the highest level the
-- responsible staff were told of; notify_day: the day the next level is reached (NULL: none).
CREATE TABLE case_watch (
    case_id BIGINT PRIMARY KEY REFERENCES cases(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    matter_id BIGINT NOT NULL REFERENCES matters(id),
    case_version INTEGER NOT NULL,
    stopped INTEGER NOT NULL DEFAULT 0,
    statutory_end TEXT,
    promised_end TEXT,
    warn_day TEXT,
    yellow_day TEXT,
    red_day TEXT,
    notified_level INTEGER NOT NULL DEFAULT 0,
    notify_day TEXT,
    refresh_day TEXT,
    computed_at BIGINT NOT NULL
);
-- covering: the board groups by department and matter and reads only the thresholds
CREATE INDEX case_watch_board ON case_watch(department_id, matter_id, red_day, yellow_day, warn_day);
CREATE INDEX case_watch_notify ON case_watch(notify_day, case_id);
CREATE INDEX case_watch_refresh ON case_watch(refresh_day, case_id);
-- the centre-wide lists of one card, earliest first (the drill-down without a department)
CREATE INDEX case_watch_red ON case_watch(red_day, case_id);
CREATE INDEX case_watch_yellow ON case_watch(yellow_day, case_id);
CREATE INDEX case_watch_warn ON case_watch(warn_day, case_id);

-- The board's counts by department and matter, as of the day the scan last wrote them: rewritten
-- from case_watch whenever a watch row changed or the day turned (levels change only then), so the
-- board reads a few hundred rows, not every open case.
CREATE TABLE case_watch_counts (
    department_id BIGINT NOT NULL REFERENCES departments(id),
    matter_id BIGINT NOT NULL REFERENCES matters(id),
    n_none INTEGER NOT NULL,
    n_warn INTEGER NOT NULL,
    n_yellow INTEGER NOT NULL,
    n_red INTEGER NOT NULL,
    PRIMARY KEY (department_id, matter_id)
);

-- Each warning level a case reached (warn 预警, yellow 黄牌, red 红牌), once per level, on the day it
-- was reached: the reports count warnings by level, period and department from here.
CREATE TABLE case_warnings (
    case_id BIGINT NOT NULL REFERENCES cases(id),
    level TEXT NOT NULL CHECK (level IN ('warn', 'yellow', 'red')),
    day TEXT NOT NULL,
    department_id BIGINT NOT NULL REFERENCES departments(id),
    matter_id BIGINT NOT NULL REFERENCES matters(id),
    at BIGINT NOT NULL,
    PRIMARY KEY (case_id, level)
);
CREATE INDEX case_warnings_period ON case_warnings(day, department_id);
CREATE INDEX case_warnings_dept ON case_warnings(department_id, day);

-- the per-year sequence of order numbers (督办〔2025〕7号); the upsert's lock serialises writers
CREATE TABLE supervision_seq (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

-- 督办单: state open (待回复) | replied (已回复) | closed (已办结). Overdue is derived: open and
-- deadline_day before today; a reply after the deadline is replied_day > deadline_day.
-- overdue_notified: the scan told the department once.
CREATE TABLE supervision_orders (
    id {{ID}},
    number TEXT NOT NULL UNIQUE,
    department_id BIGINT NOT NULL REFERENCES departments(id),
    text TEXT NOT NULL,
    reply_days INTEGER NOT NULL CHECK (reply_days > 0),
    deadline_day TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'replied', 'closed')),
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    created_day TEXT NOT NULL,
    replied_day TEXT,
    closed_by BIGINT REFERENCES users(id),
    closed_at BIGINT,
    closed_day TEXT,
    close_note TEXT NOT NULL DEFAULT '',
    overdue_notified INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX supervision_orders_period ON supervision_orders(created_day, department_id);
CREATE INDEX supervision_orders_dept ON supervision_orders(department_id, created_day);
CREATE INDEX supervision_orders_due ON supervision_orders(state, deadline_day);

CREATE TABLE supervision_order_cases (
    order_id BIGINT NOT NULL REFERENCES supervision_orders(id),
    case_id BIGINT NOT NULL REFERENCES cases(id),
    PRIMARY KEY (order_id, case_id)
);
CREATE INDEX supervision_order_cases_case ON supervision_order_cases(case_id);

CREATE TABLE supervision_replies (
    id {{ID}},
    order_id BIGINT NOT NULL REFERENCES supervision_orders(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    at BIGINT NOT NULL,
    day TEXT NOT NULL
);
CREATE INDEX supervision_replies_order ON supervision_replies(order_id, id);

-- 好差评: one row per rating, never changed or deleted (triggers below). level 1 非常满意 ...
-- 5 非常不满意; 4 and 5 are bad reviews and carry a reason. stage accept | result (once each per
-- case) | rectification (the rater's rating of a fix: once per rectification, rectification_id
-- set). channel window (the window's tablet) | qr (the notice's QR code) | online. rater_name and
-- rater_contact are personal data, given only with real_name = 1. department_id and matter_id are
-- the case's, copied for counting.
CREATE TABLE ratings (
    id {{ID}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    stage TEXT NOT NULL CHECK (stage IN ('accept', 'result', 'rectification')),
    rectification_id BIGINT,
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    comment TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL CHECK (channel IN ('window', 'qr', 'online')),
    real_name INTEGER NOT NULL CHECK (real_name IN (0, 1)),
    rater_name TEXT NOT NULL DEFAULT '',
    rater_contact TEXT NOT NULL DEFAULT '',
    department_id BIGINT NOT NULL REFERENCES departments(id),
    matter_id BIGINT NOT NULL REFERENCES matters(id),
    given_at BIGINT NOT NULL,
    given_day TEXT NOT NULL,
    CHECK (level < 4 OR reason <> ''),
    CHECK ((stage = 'rectification') = (rectification_id IS NOT NULL))
);
CREATE UNIQUE INDEX ratings_once ON ratings(case_id, stage) WHERE stage <> 'rectification';
CREATE UNIQUE INDEX ratings_fix_once ON ratings(rectification_id) WHERE rectification_id IS NOT NULL;
CREATE INDEX ratings_period ON ratings(given_day, department_id);
CREATE INDEX ratings_dept ON ratings(department_id, given_day);

-- @sqlite
CREATE TRIGGER ratings_no_update BEFORE UPDATE ON ratings
BEGIN SELECT RAISE(ABORT, 'ratings are immutable'); END;
CREATE TRIGGER ratings_no_delete BEFORE DELETE ON ratings
BEGIN SELECT RAISE(ABORT, 'ratings are immutable'); END;
-- @end
-- @pg
CREATE FUNCTION ratings_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'ratings are immutable'; END $$;
CREATE TRIGGER ratings_no_update BEFORE UPDATE OR DELETE ON ratings
FOR EACH ROW EXECUTE FUNCTION ratings_refuse();
CREATE TRIGGER ratings_no_truncate BEFORE TRUNCATE ON ratings
FOR EACH STATEMENT EXECUTE FUNCTION ratings_refuse();
-- @end

-- 整改 of a bad review, opened with the rating in its transaction. state open (待回访) |
-- called_back (已回访) | acted (已整改) | rerated (已复评: the rater rated the fix) | void (申诉成立).
-- callback_due / fix_due: working days after the rating (settings, default 5 each). action
-- immediate 立行立改 | deadline 限期整改 (fixed by action_due) | explain 解释说明, with its evidence.
-- real_name: the rating's, copied: real-name bad reviews must all be called back.
CREATE TABLE rectifications (
    id {{ID}},
    rating_id BIGINT NOT NULL UNIQUE REFERENCES ratings(id),
    case_id BIGINT NOT NULL REFERENCES cases(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    real_name INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'called_back', 'acted', 'rerated', 'void')),
    created_at BIGINT NOT NULL,
    created_day TEXT NOT NULL,
    callback_due TEXT NOT NULL,
    fix_due TEXT NOT NULL,
    callback_at BIGINT,
    callback_day TEXT,
    callback_by BIGINT REFERENCES users(id),
    callback_note TEXT NOT NULL DEFAULT '',
    action TEXT CHECK (action IN ('immediate', 'deadline', 'explain')),
    action_evidence TEXT NOT NULL DEFAULT '',
    action_due TEXT,
    action_at BIGINT,
    action_day TEXT,
    action_by BIGINT REFERENCES users(id),
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX rectifications_period ON rectifications(created_day, department_id);
CREATE INDEX rectifications_dept ON rectifications(department_id, created_day);
CREATE INDEX rectifications_case ON rectifications(case_id);
-- the real-name bad reviews not yet called back (must reach 100 %)
CREATE INDEX rectifications_no_callback ON rectifications(callback_due)
    WHERE real_name = 1 AND callback_at IS NULL;

-- 申诉: a department contests a rating as mistaken or malicious (one appeal per rating); the
-- supervisor decides upheld (申诉成立: the rating is left out of scores, its rectification void)
-- or rejected. decision NULL while pending.
CREATE TABLE appeals (
    id {{ID}},
    rating_id BIGINT NOT NULL UNIQUE REFERENCES ratings(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    reason TEXT NOT NULL,
    filed_by BIGINT NOT NULL REFERENCES users(id),
    filed_at BIGINT NOT NULL,
    filed_day TEXT NOT NULL,
    decision TEXT CHECK (decision IN ('upheld', 'rejected')),
    decision_note TEXT NOT NULL DEFAULT '',
    decided_by BIGINT REFERENCES users(id),
    decided_at BIGINT,
    decided_day TEXT
);
CREATE INDEX appeals_period ON appeals(filed_day, department_id);
CREATE INDEX appeals_dept ON appeals(department_id, filed_day);
