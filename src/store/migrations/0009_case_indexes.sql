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
