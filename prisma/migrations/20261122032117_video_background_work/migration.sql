-- AlterTable
ALTER TABLE "video" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "nextCheckAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "video_status_nextCheckAt_idx" ON "video"("status", "nextCheckAt");
