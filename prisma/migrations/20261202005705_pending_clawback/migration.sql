-- CreateTable
CREATE TABLE "pending_clawback" (
    "id" TEXT NOT NULL DEFAULT ('pclaw_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "grantKey" TEXT NOT NULL,
    "clawbackKey" TEXT NOT NULL,
    "sharePart" INTEGER NOT NULL,
    "shareOf" INTEGER NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "pending_clawback_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "pending_clawback_clawbackKey_key" ON "pending_clawback"("clawbackKey");

-- CreateIndex
CREATE INDEX "pending_clawback_grantKey_appliedAt_idx" ON "pending_clawback"("grantKey", "appliedAt");

-- Written by hand (Prisma cannot express it): a share is a fraction of the grant, never more.
ALTER TABLE "pending_clawback"
  ADD CONSTRAINT "pending_clawback_share_valid" CHECK ("sharePart" > 0 AND "shareOf" > 0 AND "sharePart" <= "shareOf");
