-- Keys made before scopes existed could do everything their owner could. They keep exactly that,
-- now written down as every scope (packages/auth/src/scopes.ts), so they go on working and their
-- owners can see and narrow it. A key without permissions from now on has no scope at all.
UPDATE "apikey"
SET "permissions" = '{"videos":["read","write"],"batches":["read","write"],"credits":["read"],"webhooks":["read","write"],"usage":["read"]}'
WHERE "permissions" IS NULL;
