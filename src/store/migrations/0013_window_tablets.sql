-- 0013_window_tablets: the window's evaluation tablet (好差评 at the window, docs/supervision.md).
--
-- Times are unix milliseconds.

-- A tablet enrolled at one window: its device key is 32 random bytes, shown once at enrolment and
-- stored only as the SHA-256 of its base64url text (hex), like a session token. Enrolling again
-- or revoking sets revoked_at on the row in use; at most one row per window is in use (partial
-- unique index). created_by / revoked_by: the staff member (NULL for the command line).
-- last_seen_at: the tablet's last answered poll, written at most once a minute (0: never).
CREATE TABLE window_tablets (
    id {{ID}},
    window_id BIGINT NOT NULL REFERENCES hall_windows(id),
    key_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL DEFAULT 0,
    revoked_by BIGINT REFERENCES users(id),
    revoked_at BIGINT
);
CREATE UNIQUE INDEX window_tablets_in_use ON window_tablets(window_id) WHERE revoked_at IS NULL;

-- The tablet asks, every few seconds, for the cases of the tickets called at its window today:
-- found from queue_calls(window_id, day), then each case by its ticket through this index (cases
-- without a ticket are left out of it).
CREATE INDEX cases_ticket ON cases(ticket_id) WHERE ticket_id IS NOT NULL;
