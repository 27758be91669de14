-- The audit journal (AuditJournal) holds events written to disk but not yet loaded here. A
-- segment is loaded in one transaction that also records its number, so a segment found again
-- after a crash between that commit and the file's deletion is not loaded twice.
CREATE TABLE audit_journal (
    last_loaded_segment BIGINT NOT NULL
);
INSERT INTO audit_journal (last_loaded_segment) VALUES (0);
