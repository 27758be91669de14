-- Attachments left behind, before the services locked the user and the policy, by a user or
-- policy deleted while it was being attached: removed once, so that no user or policy created
-- later with the name inherits them. No foreign key instead: principal_key names a user or a
-- service account depending on principal_type, and policy_key may name a managed policy, which
-- has no row (the four below, as of this version).
DELETE FROM policy_attachment a
WHERE a.principal_type = 'user'
  AND NOT EXISTS (SELECT 1 FROM iam_user u WHERE u.account_id = a.account_id AND u.name_key = a.principal_key);

DELETE FROM policy_attachment a
WHERE a.principal_type = 'service-account'
  AND NOT EXISTS (SELECT 1 FROM service_account s WHERE s.id = a.principal_key);

DELETE FROM policy_attachment a
WHERE a.policy_key NOT IN ('iamfullaccess', 'iamreadonlyaccess', 'vserverfullaccess', 'vserverreadonlyaccess')
  AND NOT EXISTS (SELECT 1 FROM account_policy p WHERE p.account_id = a.account_id AND p.name_key = a.policy_key);
