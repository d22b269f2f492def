-- CreateTable
CREATE TABLE "api_request" (
    "id" BIGSERIAL NOT NULL,
    "keyId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "creditsHeld" INTEGER NOT NULL DEFAULT 0,
    "requestId" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" VARCHAR(512),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "api_request_userId_createdAt_idx" ON "api_request"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "api_request_keyId_createdAt_idx" ON "api_request"("keyId", "createdAt");

-- CreateIndex
CREATE INDEX "api_request_createdAt_idx" ON "api_request"("createdAt");

-- AddForeignKey
ALTER TABLE "api_request" ADD CONSTRAINT "api_request_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Invariants Prisma cannot express: what the recorder writes is a real HTTP answer.
ALTER TABLE "api_request" ADD CONSTRAINT "api_request_status_check" CHECK ("status" BETWEEN 100 AND 599);
ALTER TABLE "api_request" ADD CONSTRAINT "api_request_durationMs_check" CHECK ("durationMs" >= 0);
ALTER TABLE "api_request" ADD CONSTRAINT "api_request_creditsHeld_check" CHECK ("creditsHeld" >= 0);
