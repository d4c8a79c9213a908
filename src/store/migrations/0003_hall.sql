-- 0003_hall: the hall of the centre (floors, zones, windows) and who sits where; back-office posts
-- with A and B, leave, hand-overs; delegation letters (受理初审授权委托书); the approval seals
-- (行政审批专用章); the progress of the plan's implementation steps.
--
-- Dates are 'YYYY-MM-DD' text (they compare as strings); times are unix milliseconds.

CREATE TABLE hall_floors (
    id {{ID}},
    number INTEGER NOT NULL UNIQUE,
    name TEXT NOT NULL
);

-- kind: the window class the zone serves, as matters.window_class (undifferentiated | domain |
-- convenience | enterprise | department), or virtual (虚拟窗口, online). prefix: the one capital
-- letter of the zone's ticket numbers (A001 ...).
CREATE TABLE hall_zones (
    id {{ID}},
    floor_id BIGINT NOT NULL REFERENCES hall_floors(id),
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE,
    seq INTEGER NOT NULL DEFAULT 0
);

-- window_class: the matters' window class it accepts; unit: who staffs it as Annex 3 names the
-- unit ('' when the zone's front desk is shared, as in the 无差别 zone); new_entrant: opened for a
-- unit newly entering the centre, so not counted in the plan's 84 -> 48.
CREATE TABLE hall_windows (
    id {{ID}},
    number TEXT NOT NULL UNIQUE,
    zone_id BIGINT NOT NULL REFERENCES hall_zones(id),
    window_class TEXT NOT NULL,
    unit TEXT NOT NULL,
    department_id BIGINT REFERENCES departments(id),
    new_entrant INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX hall_windows_zone ON hall_windows(zone_id);

-- what a window serves, for the queue: matters it accepts and zones whose tickets it calls
CREATE TABLE window_matters (
    window_id BIGINT NOT NULL REFERENCES hall_windows(id),
    matter_id BIGINT NOT NULL REFERENCES matters(id),
    PRIMARY KEY (window_id, matter_id)
);
CREATE TABLE window_zones (
    window_id BIGINT NOT NULL REFERENCES hall_windows(id),
    zone_id BIGINT NOT NULL REFERENCES hall_zones(id),
    PRIMARY KEY (window_id, zone_id)
);

-- front-desk duty: day '' is a standing assignment; a dated row overrides it for that day
CREATE TABLE window_duty (
    id {{ID}},
    window_id BIGINT NOT NULL REFERENCES hall_windows(id),
    user_id BIGINT NOT NULL REFERENCES users(id),
    day TEXT NOT NULL,
    UNIQUE (window_id, day),
    UNIQUE (user_id, day)
);

-- a back-office post of a department (互为AB岗): A acts, B when A is absent. zone_id: where the
-- post sits in the hall (Annex 3's back-office staff per zone), NULL when it does not;
-- resident: 常驻 1, 非常驻 0.
CREATE TABLE posts (
    id {{ID}},
    department_id BIGINT NOT NULL REFERENCES departments(id),
    name TEXT NOT NULL,
    zone_id BIGINT REFERENCES hall_zones(id),
    resident INTEGER NOT NULL,
    a_user_id BIGINT NOT NULL REFERENCES users(id),
    b_user_id BIGINT NOT NULL REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    UNIQUE (department_id, name),
    CHECK (a_user_id <> b_user_id)
);

CREATE TABLE staff_leaves (
    id {{ID}},
    user_id BIGINT NOT NULL REFERENCES users(id),
    from_day TEXT NOT NULL,
    to_day TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (to_day >= from_day)
);
CREATE INDEX staff_leaves_user ON staff_leaves(user_id);

-- every hand-over of a post's work: kind 'leave' (A absent from_day..to_day, B acts) or, from the
-- case flow, 'overdue' (A did not act in time) with the case it concerns
CREATE TABLE post_handovers (
    id {{ID}},
    post_id BIGINT NOT NULL REFERENCES posts(id),
    from_user_id BIGINT NOT NULL REFERENCES users(id),
    to_user_id BIGINT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    from_day TEXT NOT NULL,
    to_day TEXT NOT NULL,
    case_ref TEXT NOT NULL,
    reason TEXT NOT NULL,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL
);
CREATE INDEX post_handovers_post ON post_handovers(post_id);

-- 受理初审授权委托书. authorities: bit set, 1 受理, 2 初审. valid_from..valid_to inclusive;
-- revoked_on: the first day it no longer holds (NULL: not revoked). Rows are never deleted.
CREATE TABLE letters (
    id {{ID}},
    number TEXT NOT NULL UNIQUE,
    department_id BIGINT NOT NULL REFERENCES departments(id),
    grantee_id BIGINT NOT NULL REFERENCES users(id),
    authorities INTEGER NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL,
    revoked_on TEXT,
    revoked_reason TEXT NOT NULL DEFAULT '',
    revoked_by TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    CHECK (valid_to >= valid_from)
);
CREATE INDEX letters_grantee ON letters(grantee_id);
CREATE TABLE letter_matters (
    letter_id BIGINT NOT NULL REFERENCES letters(id),
    matter_id BIGINT NOT NULL REFERENCES matters(id),
    PRIMARY KEY (letter_id, matter_id)
);
CREATE INDEX letter_matters_matter ON letter_matters(matter_id);

-- 行政审批专用章: at most one in use per department
CREATE TABLE seals (
    id {{ID}},
    department_id BIGINT NOT NULL REFERENCES departments(id),
    name TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    keeper_id BIGINT REFERENCES users(id),
    status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
    published_on TEXT,
    retired_on TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX seals_one_active ON seals(department_id) WHERE status = 'active';

-- the plan's implementation steps (data/reform-steps.csv) and how far each has got
CREATE TABLE reform_steps (
    seq INTEGER PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done')),
    note TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL
);
