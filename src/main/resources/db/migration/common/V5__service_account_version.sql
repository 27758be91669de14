-- A version per service account: every change bumps it, GET shows it as the ETag, and a change
-- sent with If-Match applies only to the version the client saw.
ALTER TABLE service_account ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
