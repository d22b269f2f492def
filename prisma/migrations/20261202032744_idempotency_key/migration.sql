-- CreateEnum
CREATE TYPE "IdempotencyKeyState" AS ENUM ('RUNNING', 'COMPLETED');

-- CreateTable
CREATE TABLE "idempotency_key" (
    "id" TEXT NOT NULL DEFAULT ('idem_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "scope" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "state" "IdempotencyKeyState" NOT NULL DEFAULT 'RUNNING',
    "lockedUntil" TIMESTAMPTZ(3),
    "responseStatus" INTEGER,
    "responseHeaders" JSONB,
    "responseBody" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idempotency_key_expiresAt_idx" ON "idempotency_key"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "idempotency_key_scope_route_key_key" ON "idempotency_key"("scope", "route", "key");

-- Invariants Prisma's schema language cannot express: a RUNNING claim has a lease and no
-- response; a COMPLETED one has its whole response and no lease.
ALTER TABLE "idempotency_key"
  ADD CONSTRAINT "idempotency_key_state_fields" CHECK (
    ("state" = 'RUNNING' AND "lockedUntil" IS NOT NULL
       AND "responseStatus" IS NULL AND "responseHeaders" IS NULL AND "responseBody" IS NULL)
    OR ("state" = 'COMPLETED' AND "lockedUntil" IS NULL
       AND "responseStatus" IS NOT NULL AND "responseHeaders" IS NOT NULL AND "responseBody" IS NOT NULL)
  ),
  ADD CONSTRAINT "idempotency_key_status_valid" CHECK ("responseStatus" BETWEEN 100 AND 599),
  ADD CONSTRAINT "idempotency_key_expires_after_created" CHECK ("expiresAt" > "createdAt");
