-- Root accounts: numeric id, unique e-mail (compared lower-cased), BCrypt password.
CREATE TABLE account (
    id            VARCHAR(20)  PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,
    email_key     VARCHAR(254) NOT NULL UNIQUE,
    password_hash VARCHAR(100) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- IAM users: names unique per account, case-insensitively (name_key is the lower-cased name).
CREATE TABLE iam_user (
    account_id    VARCHAR(20)  NOT NULL REFERENCES account (id),
    name          VARCHAR(64)  NOT NULL,
    name_key      VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, name_key)
);

-- Account policies; statements is the JSON array of the document.
CREATE TABLE account_policy (
    account_id  VARCHAR(20)   NOT NULL REFERENCES account (id),
    name        VARCHAR(128)  NOT NULL,
    name_key    VARCHAR(128)  NOT NULL,
    description VARCHAR(1000) NOT NULL,
    statements  TEXT          NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, name_key)
);

-- Service accounts. id is the saId and OAuth2 client_id, never reused.
-- live_name_key is the lower-cased name while the account is not deleted, NULL after:
-- a unique index over it keeps names unique among live service accounts only.
CREATE TABLE service_account (
    id            VARCHAR(40)   PRIMARY KEY,
    account_id    VARCHAR(20)   NOT NULL REFERENCES account (id),
    name          VARCHAR(100)  NOT NULL,
    live_name_key VARCHAR(100),
    description   VARCHAR(1000) NOT NULL,
    enabled       BOOLEAN       NOT NULL,
    deleted_at    TIMESTAMP WITH TIME ZONE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX service_account_live_name ON service_account (account_id, live_name_key);
CREATE INDEX service_account_by_account ON service_account (account_id, id);

CREATE TABLE service_account_trust (
    service_account_id VARCHAR(40) NOT NULL REFERENCES service_account (id) ON DELETE CASCADE,
    trusted_account_id VARCHAR(20) NOT NULL,
    PRIMARY KEY (service_account_id, trusted_account_id)
);

-- Client secrets, kept only as HMAC-SHA-256 under a server-side pepper.
CREATE TABLE service_account_secret (
    id                 VARCHAR(40) PRIMARY KEY,
    service_account_id VARCHAR(40) NOT NULL REFERENCES service_account (id) ON DELETE CASCADE,
    secret_hash        VARCHAR(64) NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE,
    last_used_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX service_account_secret_by_owner ON service_account_secret (service_account_id);

-- Policy attachments. principal_type is 'user' or 'service-account'; policy_key names an
-- account policy or a managed one (their names never collide).
CREATE TABLE policy_attachment (
    account_id     VARCHAR(20)  NOT NULL REFERENCES account (id),
    principal_type VARCHAR(20)  NOT NULL,
    principal_key  VARCHAR(100) NOT NULL,
    policy_key     VARCHAR(128) NOT NULL,
    PRIMARY KEY (account_id, principal_type, principal_key, policy_key)
);
CREATE INDEX policy_attachment_by_policy ON policy_attachment (account_id, policy_key);

-- JWS signing keys (private JWK JSON). The newest active key signs; all are published.
CREATE TABLE signing_key (
    kid        VARCHAR(64) PRIMARY KEY,
    algorithm  VARCHAR(16) NOT NULL,
    jwk        TEXT        NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Revoked access tokens by jti, kept until the token would have expired anyway.
CREATE TABLE revoked_token (
    jti        VARCHAR(64) PRIMARY KEY,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
