-- 0002_catalogue: the matter catalogue (事项目录), versioned.
--
-- A matter's content lives in immutable versions: every change writes a new matter_versions row
-- and moves matters.current_version. A case keeps the (matter_id, version) it was received under,
-- so later changes never apply backwards. `matters` repeats the current version's list fields for
-- listing, search and reports, and the digest of its content (SHA-256 over every field, see
-- domain/matter.c) so that an import can tell an unchanged row without reading the version.
--
-- type: the national two-digit code (01 行政许可, 05 行政给付, 07 行政确认, 08 行政奖励,
-- 09 行政裁决, 10 其他行政权力, 20 公共服务; 02 03 04 06 exist but are not on application).
-- window_class: undifferentiated (无差别) | domain (分领域) | convenience (便民) |
-- enterprise (企业服务专厅) | department (部门窗口).

CREATE TABLE matters (
    id {{ID}},
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    department_id BIGINT NOT NULL REFERENCES departments(id),
    type TEXT NOT NULL CHECK (type IN ('01', '05', '07', '08', '09', '10', '20')),
    window_class TEXT NOT NULL CHECK (window_class IN
        ('undifferentiated', 'domain', 'convenience', 'enterprise', 'department')),
    entered INTEGER NOT NULL CHECK (entered IN (0, 1)),
    statutory_days INTEGER NOT NULL,
    promised_days INTEGER NOT NULL,
    current_version INTEGER NOT NULL,
    -- for the search index: aliases joined by '|', material names joined by a line break
    aliases TEXT NOT NULL,
    material_names TEXT NOT NULL,
    digest TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (promised_days >= 0 AND promised_days <= statutory_days)
);
CREATE INDEX matters_department ON matters(department_id);

-- aliases: JSON array of strings
-- materials: JSON array of {"name", "form": "original"|"copy"|"original_and_copy", "copies",
--   "required", "rongque", "review_points", "sample"}
-- faq: JSON array of {"question", "answer"}; glossary: JSON array of {"term", "definition"}
CREATE TABLE matter_versions (
    matter_id BIGINT NOT NULL REFERENCES matters(id),
    version INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    department_id BIGINT NOT NULL REFERENCES departments(id),
    type TEXT NOT NULL,
    window_class TEXT NOT NULL,
    entered INTEGER NOT NULL,
    statutory_days INTEGER NOT NULL,
    promised_days INTEGER NOT NULL,
    conditions TEXT NOT NULL,
    materials TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    fees TEXT NOT NULL,
    faq TEXT NOT NULL,
    glossary TEXT NOT NULL,
    theme TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    PRIMARY KEY (matter_id, version)
);

-- versions are immutable: a change is a new version, never an edit of an old one
-- @sqlite
CREATE TRIGGER matter_versions_no_update BEFORE UPDATE ON matter_versions
BEGIN SELECT RAISE(ABORT, 'matter_versions are immutable'); END;
CREATE TRIGGER matter_versions_no_delete BEFORE DELETE ON matter_versions
BEGIN SELECT RAISE(ABORT, 'matter_versions are immutable'); END;
-- @end
-- @pg
CREATE FUNCTION matter_versions_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'matter_versions are immutable'; END $$;
CREATE TRIGGER matter_versions_no_update BEFORE UPDATE OR DELETE ON matter_versions
FOR EACH ROW EXECUTE FUNCTION matter_versions_refuse();
-- @end

-- bumped by every catalogue change, so each process rebuilds its search index when it sees a new one
INSERT INTO settings(key, value) VALUES ('catalogue_gen', '0');
