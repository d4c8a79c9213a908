-- 0001_spine: departments, accounts, sessions, login throttling, the audit chain, the calendar,
-- settings. {{ID}} becomes each dialect's auto-increment key; -- @sqlite / -- @pg ... -- @end
-- blocks hold what the dialects write differently.

CREATE TABLE departments (
    id {{ID}},
    name TEXT NOT NULL UNIQUE,
    code TEXT,
    uscc TEXT,
    seq INTEGER NOT NULL DEFAULT 0
);

-- roles: bit set, 1 admin, 2 supervisor, 4 front_desk, 8 guide, 16 back_office, 32 dept_head
CREATE TABLE users (
    id {{ID}},
    username TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    department_id BIGINT REFERENCES departments(id),
    roles INTEGER NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- token_hash: hex SHA-256 of the cookie's token; the token itself is never stored
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    addr TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- key: 'u:<username>' or 'a:<address>'; failures counted in a window
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    failures INTEGER NOT NULL
);

-- append-only, hash-chained: hash = SHA-256(prev_hash | seq | at | actor | action | object | summary)
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    summary TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- @sqlite
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- @end
-- @pg
CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();
-- @end

-- notice_year: the State Council notice the entry belongs to (a late-December 元旦 entry belongs
-- to the next year's notice)
CREATE TABLE calendar_day (
    day TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('work', 'off')),
    name TEXT NOT NULL,
    notice_year INTEGER NOT NULL
);
CREATE TABLE calendar_year (
    year INTEGER PRIMARY KEY,
    imported_at BIGINT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO settings(key, value) VALUES ('calendar_gen', '0');
