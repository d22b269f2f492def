-- AlterTable
ALTER TABLE "video" ADD COLUMN     "holdReference" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "video_holdReference_key" ON "video"("holdReference");
