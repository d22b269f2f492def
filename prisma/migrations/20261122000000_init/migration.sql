-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('user', 'admin');

-- CreateEnum
CREATE TYPE "CreditSource" AS ENUM ('SIGNUP_BONUS', 'PURCHASE', 'SUBSCRIPTION', 'ADMIN_GRANT', 'PROMO');

-- CreateEnum
CREATE TYPE "CreditPackageStatus" AS ENUM ('ACTIVE', 'EXPIRED');

-- CreateEnum
CREATE TYPE "CreditHoldStatus" AS ENUM ('HELD', 'SETTLED', 'RELEASED');

-- CreateEnum
CREATE TYPE "CreditTransactionType" AS ENUM ('GRANT', 'HOLD', 'SETTLE', 'RELEASE', 'EXPIRE', 'CLAWBACK', 'ADJUST');

-- CreateEnum
CREATE TYPE "VideoStatus" AS ENUM ('PENDING', 'GENERATING', 'UPLOADING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "VideoMode" AS ENUM ('TEXT_TO_VIDEO', 'IMAGE_TO_VIDEO');

-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailVerified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "role" "UserRole" NOT NULL DEFAULT 'user',
    "banned" BOOLEAN DEFAULT false,
    "banReason" TEXT,
    "banExpires" TIMESTAMP(3),
    "creemCustomerId" TEXT,
    "hadTrial" BOOLEAN DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "token" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "ipAddress" TEXT,
    "userAgent" TEXT,
    "userId" TEXT NOT NULL,
    "impersonatedBy" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "accessToken" TEXT,
    "refreshToken" TEXT,
    "idToken" TEXT,
    "accessTokenExpiresAt" TIMESTAMP(3),
    "refreshTokenExpiresAt" TIMESTAMP(3),
    "scope" TEXT,
    "password" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "verification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apikey" (
    "id" TEXT NOT NULL,
    "configId" TEXT NOT NULL DEFAULT 'default',
    "name" TEXT,
    "start" TEXT,
    "referenceId" TEXT NOT NULL,
    "prefix" TEXT,
    "key" TEXT NOT NULL,
    "refillInterval" INTEGER,
    "refillAmount" INTEGER,
    "lastRefillAt" TIMESTAMP(3),
    "enabled" BOOLEAN DEFAULT true,
    "rateLimitEnabled" BOOLEAN DEFAULT true,
    "rateLimitTimeWindow" INTEGER,
    "rateLimitMax" INTEGER,
    "requestCount" INTEGER DEFAULT 0,
    "remaining" INTEGER,
    "lastRequest" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "permissions" TEXT,
    "metadata" TEXT,

    CONSTRAINT "apikey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "creem_subscription" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "referenceId" TEXT NOT NULL,
    "creemCustomerId" TEXT,
    "creemSubscriptionId" TEXT,
    "creemOrderId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "periodStart" TIMESTAMP(3),
    "periodEnd" TIMESTAMP(3),
    "cancelAtPeriodEnd" BOOLEAN DEFAULT false,

    CONSTRAINT "creem_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_package" (
    "id" TEXT NOT NULL DEFAULT ('pkg_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "userId" TEXT NOT NULL,
    "source" "CreditSource" NOT NULL,
    "grantKey" TEXT NOT NULL,
    "initialCredits" INTEGER NOT NULL,
    "remainingCredits" INTEGER NOT NULL,
    "frozenCredits" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3),
    "status" "CreditPackageStatus" NOT NULL DEFAULT 'ACTIVE',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "credit_package_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_hold" (
    "id" TEXT NOT NULL DEFAULT ('hold_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "userId" TEXT NOT NULL,
    "reference" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "status" "CreditHoldStatus" NOT NULL DEFAULT 'HELD',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_hold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_hold_allocation" (
    "id" TEXT NOT NULL DEFAULT ('alloc_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "holdId" TEXT NOT NULL,
    "packageId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,

    CONSTRAINT "credit_hold_allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_transaction" (
    "id" TEXT NOT NULL DEFAULT ('txn_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "userId" TEXT NOT NULL,
    "type" "CreditTransactionType" NOT NULL,
    "amount" INTEGER NOT NULL,
    "availableAfter" INTEGER NOT NULL,
    "frozenAfter" INTEGER NOT NULL,
    "debtAfter" INTEGER NOT NULL DEFAULT 0,
    "packageId" TEXT,
    "holdId" TEXT,
    "reference" TEXT,
    "reason" TEXT,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_transaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "credit_debt" (
    "id" TEXT NOT NULL DEFAULT ('debt_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "userId" TEXT NOT NULL,
    "clawbackKey" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "outstanding" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paidAt" TIMESTAMP(3),

    CONSTRAINT "credit_debt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "video" (
    "id" TEXT NOT NULL DEFAULT ('vid_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "uuid" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "userId" TEXT NOT NULL,
    "status" "VideoStatus" NOT NULL DEFAULT 'PENDING',
    "model" TEXT NOT NULL,
    "mode" "VideoMode" NOT NULL,
    "prompt" TEXT NOT NULL,
    "negativePrompt" TEXT,
    "duration" INTEGER NOT NULL,
    "aspectRatio" TEXT NOT NULL,
    "quality" TEXT NOT NULL,
    "imageUrl" TEXT,
    "creditsCost" INTEGER NOT NULL,
    "provider" TEXT,
    "providerTaskId" TEXT,
    "providerVideoUrl" TEXT,
    "storageKey" TEXT,
    "thumbnailKey" TEXT,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "isPublic" BOOLEAN NOT NULL DEFAULT false,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "video_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_webhook_event" (
    "id" TEXT NOT NULL DEFAULT ('evt_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "source" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_webhook_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "user_creemCustomerId_key" ON "user"("creemCustomerId");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_userId_idx" ON "session"("userId");

-- CreateIndex
CREATE INDEX "account_userId_idx" ON "account"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "account_providerId_accountId_key" ON "account"("providerId", "accountId");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE INDEX "apikey_configId_idx" ON "apikey"("configId");

-- CreateIndex
CREATE INDEX "apikey_referenceId_idx" ON "apikey"("referenceId");

-- CreateIndex
CREATE UNIQUE INDEX "apikey_key_key" ON "apikey"("key");

-- CreateIndex
CREATE UNIQUE INDEX "creem_subscription_creemSubscriptionId_key" ON "creem_subscription"("creemSubscriptionId");

-- CreateIndex
CREATE INDEX "creem_subscription_referenceId_idx" ON "creem_subscription"("referenceId");

-- CreateIndex
CREATE UNIQUE INDEX "credit_package_grantKey_key" ON "credit_package"("grantKey");

-- CreateIndex
CREATE INDEX "credit_package_userId_status_expiresAt_idx" ON "credit_package"("userId", "status", "expiresAt");

-- CreateIndex
CREATE INDEX "credit_package_status_expiresAt_idx" ON "credit_package"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "credit_hold_reference_key" ON "credit_hold"("reference");

-- CreateIndex
CREATE INDEX "credit_hold_userId_status_idx" ON "credit_hold"("userId", "status");

-- CreateIndex
CREATE INDEX "credit_hold_status_expiresAt_idx" ON "credit_hold"("status", "expiresAt");

-- CreateIndex
CREATE INDEX "credit_hold_allocation_packageId_idx" ON "credit_hold_allocation"("packageId");

-- CreateIndex
CREATE UNIQUE INDEX "credit_hold_allocation_holdId_packageId_key" ON "credit_hold_allocation"("holdId", "packageId");

-- CreateIndex
CREATE INDEX "credit_transaction_userId_createdAt_id_idx" ON "credit_transaction"("userId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "credit_transaction_userId_type_createdAt_idx" ON "credit_transaction"("userId", "type", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "credit_transaction_packageId_idx" ON "credit_transaction"("packageId");

-- CreateIndex
CREATE INDEX "credit_transaction_holdId_idx" ON "credit_transaction"("holdId");

-- CreateIndex
CREATE UNIQUE INDEX "credit_debt_clawbackKey_key" ON "credit_debt"("clawbackKey");

-- CreateIndex
CREATE INDEX "credit_debt_userId_outstanding_idx" ON "credit_debt"("userId", "outstanding");

-- CreateIndex
CREATE UNIQUE INDEX "video_uuid_key" ON "video"("uuid");

-- CreateIndex
CREATE INDEX "video_userId_createdAt_id_idx" ON "video"("userId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "video_userId_status_idx" ON "video"("userId", "status");

-- CreateIndex
CREATE INDEX "video_status_updatedAt_idx" ON "video"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "video_isPublic_completedAt_idx" ON "video"("isPublic", "completedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "video_provider_providerTaskId_key" ON "video"("provider", "providerTaskId");

-- CreateIndex
CREATE UNIQUE INDEX "processed_webhook_event_source_eventId_key" ON "processed_webhook_event"("source", "eventId");

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account" ADD CONSTRAINT "account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "apikey" ADD CONSTRAINT "apikey_referenceId_fkey" FOREIGN KEY ("referenceId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "creem_subscription" ADD CONSTRAINT "creem_subscription_referenceId_fkey" FOREIGN KEY ("referenceId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_package" ADD CONSTRAINT "credit_package_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_hold" ADD CONSTRAINT "credit_hold_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_hold_allocation" ADD CONSTRAINT "credit_hold_allocation_holdId_fkey" FOREIGN KEY ("holdId") REFERENCES "credit_hold"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_hold_allocation" ADD CONSTRAINT "credit_hold_allocation_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "credit_package"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_transaction" ADD CONSTRAINT "credit_transaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_transaction" ADD CONSTRAINT "credit_transaction_packageId_fkey" FOREIGN KEY ("packageId") REFERENCES "credit_package"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_transaction" ADD CONSTRAINT "credit_transaction_holdId_fkey" FOREIGN KEY ("holdId") REFERENCES "credit_hold"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "credit_debt" ADD CONSTRAINT "credit_debt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "video" ADD CONSTRAINT "video_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Invariants Prisma's schema language cannot express (ARCHITECTURE §2).
ALTER TABLE "credit_package"
  ADD CONSTRAINT "credit_package_initial_positive" CHECK ("initialCredits" > 0),
  ADD CONSTRAINT "credit_package_remaining_nonnegative" CHECK ("remainingCredits" >= 0),
  ADD CONSTRAINT "credit_package_frozen_nonnegative" CHECK ("frozenCredits" >= 0),
  ADD CONSTRAINT "credit_package_within_initial" CHECK ("remainingCredits" + "frozenCredits" <= "initialCredits");

ALTER TABLE "credit_hold"
  ADD CONSTRAINT "credit_hold_amount_positive" CHECK ("amount" > 0),
  ADD CONSTRAINT "credit_hold_resolved_when_final" CHECK (("status" = 'HELD') = ("resolvedAt" IS NULL));

ALTER TABLE "credit_hold_allocation"
  ADD CONSTRAINT "credit_hold_allocation_amount_positive" CHECK ("amount" > 0);

ALTER TABLE "credit_transaction"
  ADD CONSTRAINT "credit_transaction_frozen_nonnegative" CHECK ("frozenAfter" >= 0),
  ADD CONSTRAINT "credit_transaction_debt_nonnegative" CHECK ("debtAfter" >= 0);

ALTER TABLE "credit_debt"
  ADD CONSTRAINT "credit_debt_amount_positive" CHECK ("amount" > 0),
  ADD CONSTRAINT "credit_debt_outstanding_in_range" CHECK ("outstanding" >= 0 AND "outstanding" <= "amount");

ALTER TABLE "video"
  ADD CONSTRAINT "video_duration_positive" CHECK ("duration" > 0),
  ADD CONSTRAINT "video_credits_cost_nonnegative" CHECK ("creditsCost" >= 0);

-- The ledger is append-only: a correction is a new entry, never an edit.
CREATE FUNCTION "credit_transaction_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'credit_transaction is append-only (% rejected)', TG_OP;
END;
$$;

CREATE TRIGGER "credit_transaction_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "credit_transaction"
  FOR EACH ROW EXECUTE FUNCTION "credit_transaction_append_only"();

CREATE TRIGGER "credit_transaction_no_truncate"
  BEFORE TRUNCATE ON "credit_transaction"
  FOR EACH STATEMENT EXECUTE FUNCTION "credit_transaction_append_only"();
