-- Static access keys of service accounts for S3's Signature Version 4. The verifier must know the
-- secret, so it is kept sealed under the key-encryption key (never in clear, never hashed).
CREATE TABLE service_account_access_key (
    id                 VARCHAR(20)  PRIMARY KEY,
    service_account_id VARCHAR(40)  NOT NULL REFERENCES service_account (id) ON DELETE CASCADE,
    status             VARCHAR(8)   NOT NULL,
    sealed_secret      VARCHAR(512) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX service_account_access_key_by_owner ON service_account_access_key (service_account_id);
