-- Private signing keys are stored sealed (AES-256-GCM) under a key-encryption key kept outside the
-- database. Rows of older versions keep their clear JWK in jwk until the server's next start seals
-- them into sealed_jwk and clears jwk; new rows never fill jwk.
ALTER TABLE signing_key ADD COLUMN sealed_jwk CLOB;
ALTER TABLE signing_key ALTER COLUMN jwk SET NULL;

-- The fingerprint of the key-encryption key this database's secrets are sealed under (never the key
-- itself), so that a start with another or a missing key stops instead of replacing the secrets.
CREATE TABLE key_encryption_key (
    key_id     VARCHAR(32) PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
