-- 0005_case: cases (办件) from acceptance at the window to the result, their checklist of
-- materials, clock stops, timeline, the seal ledger and the notification outbox (docs/cases.md).
--
-- Dates are 'YYYY-MM-DD' text (they compare as strings); times are unix milliseconds.

-- the per-day sequence of case numbers: one row per receipt day, bumped by an upsert whose row lock
-- (PostgreSQL) or write lock (SQLite) serialises concurrent acceptances
CREATE TABLE case_seq (
    day TEXT PRIMARY KEY,
    last INTEGER NOT NULL
);

-- state: a name of domain/case_flow.h. id_number is personal data: masked in every list and
-- response except the case's own detail for the staff who work on it, never logged. matter_version:
-- the matter version in force when the case was received (later changes never apply backwards).
-- statutory_days / promised_days / extension_days / extended_day / accepted_day and case_stops are
-- the clock's inputs (domain/case_clock.h). version: bumped by every change (compare-and-set).
CREATE TABLE cases (
    id {{ID}},
    number TEXT NOT NULL UNIQUE,
    matter_id BIGINT NOT NULL REFERENCES matters(id),
    matter_version INTEGER NOT NULL,
    applicant_kind TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    id_number TEXT NOT NULL,
    id_override TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    legal_rep TEXT NOT NULL DEFAULT '',
    agent TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    received_day TEXT NOT NULL,
    accepted_day TEXT,
    statutory_days INTEGER NOT NULL,
    promised_days INTEGER NOT NULL,
    extension_days INTEGER NOT NULL DEFAULT 0,
    extended_day TEXT,
    department_id BIGINT NOT NULL REFERENCES departments(id),
    acceptor_id BIGINT NOT NULL REFERENCES users(id),
    post_id BIGINT REFERENCES posts(id),
    assignee_id BIGINT REFERENCES users(id),
    ticket_id BIGINT,
    decision TEXT NOT NULL DEFAULT '',
    result_channel TEXT NOT NULL DEFAULT '',
    tracking_no TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_state ON cases(state, received_day);
CREATE INDEX cases_department ON cases(department_id, id);
CREATE INDEX cases_acceptor ON cases(acceptor_id, id);
CREATE INDEX cases_assignee ON cases(assignee_id, id);

-- the checklist of the matter version: status received | missing | rongque (容缺: commitment and
-- the day it is due); received_day: when it arrived
CREATE TABLE case_materials (
    id {{ID}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    required INTEGER NOT NULL,
    status TEXT NOT NULL,
    commitment TEXT NOT NULL DEFAULT '',
    due_day TEXT,
    received_day TEXT,
    UNIQUE (case_id, name)
);

-- clock stops: kind of case_clock.h (supplement, hearing ...); resume_day NULL while open
CREATE TABLE case_stops (
    id {{ID}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    stop_day TEXT NOT NULL,
    resume_day TEXT,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_stops_case ON case_stops(case_id, id);

-- the timeline: every action with its actor, time and note
CREATE TABLE case_events (
    id {{ID}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    event TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    actor TEXT NOT NULL,
    at BIGINT NOT NULL,
    day TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events(case_id, id);

-- the seal ledger: one row per use of an approval seal on a document of a case
CREATE TABLE seal_uses (
    id {{ID}},
    seal_id BIGINT NOT NULL REFERENCES seals(id),
    case_id BIGINT NOT NULL REFERENCES cases(id),
    stage TEXT NOT NULL,
    approver_id BIGINT NOT NULL REFERENCES users(id),
    document TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    day TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX seal_uses_seal ON seal_uses(seal_id, day);
CREATE INDEX seal_uses_case ON seal_uses(case_id);

-- notifications to applicants: channel sms; state pending | sent. The default sender writes them
-- to the log (masked) and marks them sent.
CREATE TABLE outbox (
    id {{ID}},
    case_id BIGINT REFERENCES cases(id),
    recipient TEXT NOT NULL,
    channel TEXT NOT NULL,
    text TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX outbox_pending ON outbox(state, id);
