-- 0006_case_rules: the remaining rules of a case (docs/cases.md): joint approval (联合审批) split
-- into department tasks, the AB post rule's notice to B, explanations of a missed promised date
-- (说明函), and the matters the catalogue handles jointly.
--
-- Dates are 'YYYY-MM-DD' text (they compare as strings); times are unix milliseconds.

-- joint: the case is handled jointly (its statutory limit is the joint 45 + 15);
-- promised_extra_days: working days added to the promised limit by explanations of a missed
-- promise (the clock's promised limit is promised_days + promised_extra_days);
-- assigned_at: when the assignee got the case (NULL: created_at); ab_notified_at / ab_user_id:
-- when B of the post was told that A had not acted in time, and who B was (once per case)
ALTER TABLE cases ADD COLUMN joint INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN promised_extra_days INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN assigned_at BIGINT;
ALTER TABLE cases ADD COLUMN ab_notified_at BIGINT;
ALTER TABLE cases ADD COLUMN ab_user_id BIGINT REFERENCES users(id);
CREATE INDEX cases_ab_user ON cases(ab_user_id, id);
CREATE INDEX cases_post ON cases(post_id, id);

-- the other departments a matter is handled with (联合审批): a case of the matter is joint from
-- its acceptance, and its review starts with one task per department listed here
CREATE TABLE matter_joint (
    matter_id BIGINT NOT NULL REFERENCES matters(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    PRIMARY KEY (matter_id, department_id)
);

-- a department's part of a joint case, routed like a case to its post (A, or B when A is on
-- leave); state open | done | refused with the department's opinion; days: the working days the
-- department has, due_day the last of them
CREATE TABLE case_tasks (
    id {{ID}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    department_id BIGINT NOT NULL REFERENCES departments(id),
    post_id BIGINT NOT NULL REFERENCES posts(id),
    assignee_id BIGINT REFERENCES users(id),
    state TEXT NOT NULL CHECK (state IN ('open', 'done', 'refused')),
    opinion TEXT NOT NULL DEFAULT '',
    days INTEGER NOT NULL,
    created_day TEXT NOT NULL,
    due_day TEXT NOT NULL,
    done_day TEXT,
    done_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    UNIQUE (case_id, department_id)
);
CREATE INDEX case_tasks_assignee ON case_tasks(assignee_id, state);
CREATE INDEX case_tasks_post ON case_tasks(post_id, state);

-- 说明函: the promised end was missed; the applicant is told the new date. One per missed date.
CREATE TABLE case_explanations (
    id {{ID}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    day TEXT NOT NULL,
    old_promised_end TEXT NOT NULL,
    new_promised_end TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (case_id, old_promised_end)
);

-- 容缺 materials still owed, by due day (the scan that terminates a case whose commitment was not kept)
CREATE INDEX case_materials_owed ON case_materials(status, due_day);
