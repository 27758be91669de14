-- When a signing key starts signing. A new key is published at once (created_at) but signs only
-- from activates_at on, so that resource servers have fetched it before the first token it signs;
-- every node switches at that same moment. Keys stored before this version signed from creation.
ALTER TABLE signing_key ADD COLUMN activates_at TIMESTAMP WITH TIME ZONE;
UPDATE signing_key SET activates_at = created_at;
ALTER TABLE signing_key ALTER COLUMN activates_at SET NOT NULL;
