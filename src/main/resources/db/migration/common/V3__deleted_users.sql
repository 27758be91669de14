-- When a user name was last deleted: tokens issued to that name up to then stay dead even
-- if a new user is given the name (user CRNs are name-based).
CREATE TABLE deleted_user (
    account_id VARCHAR(20) NOT NULL,
    name_key   VARCHAR(64) NOT NULL,
    deleted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, name_key)
);
