-- H2 only: there this version lets audit_event's identity reserve its values in blocks of 1024
-- (see h2/V6). PostgreSQL's sequences write no metadata commit per value, and a per-session
-- cache would hand out ids out of order across connections, so the sequence keeps its default.
SELECT 1;
