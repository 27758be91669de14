-- Deny-only policies an account attaches to itself: they apply to every principal acting in it
-- and travel in every token for it. policy_key is the policy's key as attachments store it.
CREATE TABLE account_guardrail (
    account_id  VARCHAR(20)  NOT NULL REFERENCES account (id),
    policy_key  VARCHAR(128) NOT NULL,
    attached_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, policy_key)
);
