-- What the accounts on the caller's side of an event see in place of its real reason and target,
-- when only the target's account may know them (a refused impersonation must not tell the caller
-- whether the target exists, is enabled or trusts it). Null when every account sees the event whole.
ALTER TABLE audit_event ADD COLUMN caller_reason VARCHAR(256);
ALTER TABLE audit_event ADD COLUMN caller_target VARCHAR(300);
-- Accounts that see an event besides its actor's and its target's: those of the principals in its
-- actor chain. Rows exist only for such accounts, so an event without a chain costs no row here.
CREATE TABLE audit_event_account (
    account_id VARCHAR(20) NOT NULL,
    event_id   BIGINT      NOT NULL,
    PRIMARY KEY (account_id, event_id),
    CONSTRAINT audit_event_account_event FOREIGN KEY (event_id) REFERENCES audit_event (id) ON DELETE CASCADE
);
-- The retention purge deletes the oldest events in small batches by time.
CREATE INDEX audit_event_by_occurred_at ON audit_event (occurred_at);
