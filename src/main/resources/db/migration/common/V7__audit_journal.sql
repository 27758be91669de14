-- The audit journal (AuditJournal) holds events written to disk but not yet loaded here. Its
-- segments are loaded in order, in transactions of a hundred events that also record how far
-- they got, so events found again after a crash between such a commit and the deletion of the
-- segment's file are not loaded twice.
CREATE TABLE audit_journal (
    last_loaded_segment BIGINT NOT NULL,
    loaded_records      BIGINT NOT NULL
);
INSERT INTO audit_journal (last_loaded_segment, loaded_records) VALUES (0, 0);
