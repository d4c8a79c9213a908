-- 0009_case_indexes: indexes the case bench (bench/cases.sh, a million cases) showed missing.
--
-- A case's notifications were found by scanning the whole outbox: with a million cases that was
-- half of the CPU of an acceptance, whose answer lists the case's notifications.
CREATE INDEX outbox_case ON outbox(case_id, id);

-- electronic certificates (电子证照) issued with a case's result: the number the licensing system
-- gave it, its name, the day
CREATE TABLE case_certificates (
    id {{ID}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    cert_no TEXT NOT NULL,
    name TEXT NOT NULL,
    day TEXT NOT NULL,
    at BIGINT NOT NULL,
    UNIQUE (case_id, cert_no)
);

-- The inbox by post (stmts_case_rules.def, CASE_INBOX) looked up every case ever assigned to the
-- reviewer, closed ones included, and the cases of a post on leave by scanning all cases: open cases
-- only, by assignee and by post. The WHERE is the inbox's open-state term, word for word, so both
-- SQLite and PostgreSQL use the partial index.
CREATE INDEX cases_open_assignee ON cases(assignee_id) WHERE state NOT IN ('refused', 'closed', 'withdrawn', 'terminated');
CREATE INDEX cases_open_post ON cases(post_id) WHERE state NOT IN ('refused', 'closed', 'withdrawn', 'terminated');

-- The scheduled scan (missed promises, the AB post rule) walked every case ever received, a page of
-- ids at a time: 13 s over a million. Open cases only, in id order; and the 容缺 materials still owed.
CREATE INDEX cases_open_id ON cases(id) WHERE state NOT IN ('refused', 'closed', 'withdrawn', 'terminated');
CREATE INDEX case_materials_rongque ON case_materials(case_id) WHERE status = 'rongque';
