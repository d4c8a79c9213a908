-- 0008_notices: what the case notices (受理通知书 … 准予许可决定书, docs/cases.md "Notices") print
-- besides the case: the centre's name and its contact telephone, and how many working days an
-- applicant is given to bring the materials a 补正材料通知书 lists. Defaults an administrator
-- may change; a missing key falls back to the same default in svc/case_pdf.c.
INSERT INTO settings(key, value) VALUES ('centre_name', '邵阳市政务服务中心') ON CONFLICT(key) DO NOTHING;
INSERT INTO settings(key, value) VALUES ('centre_phone', '0739-12345') ON CONFLICT(key) DO NOTHING;
INSERT INTO settings(key, value) VALUES ('supplement_days', '10') ON CONFLICT(key) DO NOTHING;
