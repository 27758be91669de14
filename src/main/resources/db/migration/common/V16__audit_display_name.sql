-- The display name a caller gave an impersonation session (token exchange parameter display_name),
-- shown with the event to every account that sees it. Null for events without one.
ALTER TABLE audit_event ADD COLUMN display_name VARCHAR(64);
