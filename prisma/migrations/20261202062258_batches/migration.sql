-- CreateEnum
CREATE TYPE "BatchStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'PARTIALLY_FAILED', 'FAILED', 'CANCELLED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "VideoStatus" ADD VALUE 'QUEUED';
ALTER TYPE "VideoStatus" ADD VALUE 'CANCELLED';

-- AlterTable
ALTER TABLE "video" ADD COLUMN     "batchId" TEXT,
ADD COLUMN     "batchIndex" INTEGER,
ADD COLUMN     "metadata" JSONB;

-- CreateTable
CREATE TABLE "batch" (
    "id" TEXT NOT NULL DEFAULT ('bat_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "userId" TEXT NOT NULL,
    "status" "BatchStatus" NOT NULL DEFAULT 'QUEUED',
    "model" TEXT NOT NULL,
    "mode" "VideoMode" NOT NULL,
    "duration" INTEGER NOT NULL,
    "aspectRatio" TEXT NOT NULL,
    "quality" TEXT NOT NULL,
    "imageUrl" TEXT,
    "negativePrompt" TEXT,
    "template" TEXT,
    "variables" JSONB,
    "totalCount" INTEGER NOT NULL,
    "costPerVideo" INTEGER NOT NULL,
    "requiredCredits" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "batch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "batch_userId_createdAt_id_idx" ON "batch"("userId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "batch_createdAt_id_idx" ON "batch"("createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "video_batchId_batchIndex_key" ON "video"("batchId", "batchIndex");

-- AddForeignKey
ALTER TABLE "video" ADD CONSTRAINT "video_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "batch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch" ADD CONSTRAINT "batch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
