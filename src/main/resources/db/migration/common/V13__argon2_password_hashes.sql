-- People's passwords are Argon2id now, stored with their {argon2} prefix (105 characters with
-- today's parameters); room for stronger parameters later. Older BCrypt hashes stay as they are.
ALTER TABLE account ALTER COLUMN password_hash SET DATA TYPE VARCHAR(255);
ALTER TABLE iam_user ALTER COLUMN password_hash SET DATA TYPE VARCHAR(255);
