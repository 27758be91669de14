-- H2 writes an identity's next block of values to its metadata, a commit of its own, every
-- CACHE values: at the default 32 that was one extra commit for every two or three grouped
-- audit commits under load (issue 7, JFR). A crash skips at most the unused rest of a block;
-- ids still only grow, which is all the audit pages rely on.
ALTER TABLE audit_event ALTER COLUMN id SET CACHE 1024;
