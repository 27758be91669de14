-- Conditions of a trust entry: the external id the caller must present, the principals of the
-- trusted account it admits (CRN patterns, one per line; NULL admits all), and the longest life of
-- a token made through it. And how long a service account's tokens may live at most.
ALTER TABLE service_account_trust ADD COLUMN external_id VARCHAR(1224);
ALTER TABLE service_account_trust ADD COLUMN principals VARCHAR(8000);
ALTER TABLE service_account_trust ADD COLUMN max_session_seconds INTEGER;
ALTER TABLE service_account ADD COLUMN max_session_seconds INTEGER DEFAULT 3600 NOT NULL;
