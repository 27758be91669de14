-- Service-account keys may expire and may be disabled and enabled again, as in Google Cloud.
ALTER TABLE service_account_key ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE service_account_key ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
