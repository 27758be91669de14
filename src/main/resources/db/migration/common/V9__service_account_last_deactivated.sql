-- When a service account was last disabled or deleted: tokens issued at or before that second stay
-- invalid after it is enabled or undeleted again. Null for one never disabled or deleted; for one
-- that is disabled or deleted now, the best known time of it (its deletion, or the migration).
ALTER TABLE service_account ADD COLUMN last_deactivated_at TIMESTAMP WITH TIME ZONE;
UPDATE service_account SET last_deactivated_at = COALESCE(deleted_at, CURRENT_TIMESTAMP) WHERE deleted_at IS NOT NULL OR NOT enabled;
