-- 0004_queue: the hall queue (取号叫号) — tickets numbered per zone and day, appointment slots and
-- bookings, the windows' state, every call, every event with its time, the display feed, and the
-- public rate limits. docs/queue.md describes the rules.
--
-- Days are the UTC+8 day as 'YYYY-MM-DD' text; times are unix milliseconds.

-- the last number issued per zone and day: issuing updates this row in its transaction, so two
-- tickets never get one number (the row lock serialises issuers of a zone on PostgreSQL)
CREATE TABLE queue_counters (
    zone_id BIGINT NOT NULL REFERENCES hall_zones(id),
    day TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    PRIMARY KEY (zone_id, day)
);

-- appointment slots of a zone (matter_id NULL) or of one matter: minutes after midnight (UTC+8)
-- on each working day. A replaced slot is kept inactive: bookings refer to it.
CREATE TABLE queue_slots (
    id {{ID}},
    zone_id BIGINT NOT NULL REFERENCES hall_zones(id),
    matter_id BIGINT REFERENCES matters(id),
    start_min INTEGER NOT NULL,
    end_min INTEGER NOT NULL,
    capacity INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    CHECK (end_min > start_min AND capacity > 0)
);
CREATE INDEX queue_slots_zone ON queue_slots(zone_id, active);

-- places taken per slot and day; booking updates this row in its transaction (capacity check)
CREATE TABLE queue_slot_load (
    slot_id BIGINT NOT NULL REFERENCES queue_slots(id),
    day TEXT NOT NULL,
    booked INTEGER NOT NULL,
    PRIMARY KEY (slot_id, day)
);

-- status: booked | cancelled | checked_in. phone: personal data, shown masked.
CREATE TABLE queue_appointments (
    id {{ID}},
    code TEXT NOT NULL UNIQUE,
    day TEXT NOT NULL,
    slot_id BIGINT NOT NULL REFERENCES queue_slots(id),
    zone_id BIGINT NOT NULL REFERENCES hall_zones(id),
    matter_id BIGINT REFERENCES matters(id),
    slot_start BIGINT NOT NULL,
    slot_end BIGINT NOT NULL,
    phone TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'checked_in')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    ticket_id BIGINT
);

-- a ticket. zone_id: where it waits now (a transfer changes it; issue_zone_id and number do not);
-- target_window_id: transferred to one window, which alone may call it. issued_at is kept on
-- transfer (fairness); joined_at is when it last joined a list by transfer (0: never).
-- state: waiting | called | serving | served | no_show | abandoned. phone: personal data.
CREATE TABLE queue_tickets (
    id {{ID}},
    day TEXT NOT NULL,
    issue_zone_id BIGINT NOT NULL REFERENCES hall_zones(id),
    seq INTEGER NOT NULL,
    number TEXT NOT NULL,
    zone_id BIGINT NOT NULL REFERENCES hall_zones(id),
    matter_id BIGINT REFERENCES matters(id),
    class TEXT NOT NULL CHECK (class IN ('normal', 'appointment', 'green')),
    green_reason TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL CHECK (channel IN ('kiosk', 'guide', 'online', 'appointment')),
    phone TEXT,
    token TEXT NOT NULL UNIQUE,
    appointment_id BIGINT REFERENCES queue_appointments(id),
    slot_start BIGINT NOT NULL DEFAULT 0,
    slot_end BIGINT NOT NULL DEFAULT 0,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'called', 'serving', 'served', 'no_show', 'abandoned')),
    issued_at BIGINT NOT NULL,
    joined_at BIGINT NOT NULL DEFAULT 0,
    target_window_id BIGINT REFERENCES hall_windows(id),
    window_id BIGINT REFERENCES hall_windows(id),
    first_called_at BIGINT,
    finished_at BIGINT,
    issued_by TEXT NOT NULL,
    UNIQUE (day, issue_zone_id, seq)
);
CREATE INDEX queue_tickets_waiting ON queue_tickets(day, zone_id, state);
CREATE INDEX queue_tickets_target ON queue_tickets(target_window_id) WHERE target_window_id IS NOT NULL;
-- the end of a day looks for tickets still open on earlier days: only those are in this index
CREATE INDEX queue_tickets_open ON queue_tickets(day) WHERE state IN ('waiting', 'called', 'serving');

-- every call of a ticket to a window (a recall is not a new call; a transferred ticket is called
-- again): the calls of the day the policy replays, and the service times of the statistics.
-- outcome: '' while at the window, served | no_show | transferred | abandoned.
CREATE TABLE queue_calls (
    id {{ID}},
    ticket_id BIGINT NOT NULL REFERENCES queue_tickets(id),
    day TEXT NOT NULL,
    zone_id BIGINT NOT NULL REFERENCES hall_zones(id),
    window_id BIGINT NOT NULL REFERENCES hall_windows(id),
    staff_id BIGINT NOT NULL REFERENCES users(id),
    issued_at BIGINT NOT NULL,
    called_at BIGINT NOT NULL,
    serving_at BIGINT,
    finished_at BIGINT,
    outcome TEXT NOT NULL DEFAULT '',
    first_call INTEGER NOT NULL,
    recalls INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX queue_calls_day_zone ON queue_calls(day, zone_id);
CREATE INDEX queue_calls_window ON queue_calls(window_id, day, outcome);

-- a window's state on its day: open | paused | closed; holder: the front desk who opened it.
-- A row of an earlier day reads as closed.
CREATE TABLE queue_windows (
    window_id BIGINT PRIMARY KEY REFERENCES hall_windows(id),
    day TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('open', 'paused', 'closed')),
    holder_id BIGINT REFERENCES users(id),
    since BIGINT NOT NULL,
    pause_reason TEXT NOT NULL DEFAULT '',
    ticket_id BIGINT REFERENCES queue_tickets(id),
    call_id BIGINT REFERENCES queue_calls(id)
);

-- every state change of a ticket or a window, with its time. feed_seq numbers the calls and
-- recalls for the hall display: taken from queue_feed in the same transaction, so the numbers
-- become visible in order, without gaps, to the display poller of every server process.
CREATE TABLE queue_events (
    id {{ID}},
    day TEXT NOT NULL,
    at BIGINT NOT NULL,
    kind TEXT NOT NULL,
    ticket_id BIGINT REFERENCES queue_tickets(id),
    window_id BIGINT REFERENCES hall_windows(id),
    zone_id BIGINT REFERENCES hall_zones(id),
    actor TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    feed_seq BIGINT
);
CREATE INDEX queue_events_ticket ON queue_events(ticket_id);
-- only calls and recalls are numbered: other events stay out of this index
CREATE UNIQUE INDEX queue_events_feed ON queue_events(feed_seq) WHERE feed_seq IS NOT NULL;

CREATE TABLE queue_feed (
    id INTEGER PRIMARY KEY,
    last_seq BIGINT NOT NULL
);
INSERT INTO queue_feed(id, last_seq) VALUES (1, 0);

-- public rate limits: key 'kiosk:<address>' or 'book:<address>', counted in a window
CREATE TABLE queue_throttle (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    n INTEGER NOT NULL
);
