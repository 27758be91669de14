-- Audit events. Each event is visible to the actor's account and to the target's account.
CREATE TABLE audit_event (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type     VARCHAR(64)   NOT NULL,
    decision       VARCHAR(16)   NOT NULL,
    reason         VARCHAR(256)  NOT NULL,
    actor          VARCHAR(200),
    actor_account  VARCHAR(20),
    actor_chain    VARCHAR(2000),
    target         VARCHAR(300),
    target_account VARCHAR(20),
    client_id      VARCHAR(100)
);
CREATE INDEX audit_event_by_actor_account ON audit_event (actor_account, id);
CREATE INDEX audit_event_by_target_account ON audit_event (target_account, id);
