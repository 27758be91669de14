-- Key pairs of service accounts for private_key_jwt (RFC 7523): only the public JWK is kept.
CREATE TABLE service_account_key (
    id                 VARCHAR(40) PRIMARY KEY,
    service_account_id VARCHAR(40) NOT NULL REFERENCES service_account (id) ON DELETE CASCADE,
    algorithm          VARCHAR(8)  NOT NULL,
    public_jwk         CLOB        NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at       TIMESTAMP WITH TIME ZONE
);
CREATE INDEX service_account_key_by_owner ON service_account_key (service_account_id);

-- jti of accepted client assertions, kept until the assertion expires, so none is accepted twice.
CREATE TABLE used_client_assertion (
    client_id  VARCHAR(40)  NOT NULL,
    jti        VARCHAR(256) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id, jti)
);

CREATE INDEX service_account_deleted ON service_account (deleted_at);
