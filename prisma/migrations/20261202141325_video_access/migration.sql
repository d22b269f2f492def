-- CreateEnum
CREATE TYPE "VideoVisibility" AS ENUM ('PRIVATE', 'UNLISTED', 'PUBLIC');

-- CreateEnum
CREATE TYPE "VideoAccessAction" AS ENUM ('PLAY', 'EMBED', 'DOWNLOAD');

-- DropIndex
DROP INDEX "video_isPublic_completedAt_idx";

-- AlterTable: a public video stays public; every other one is private, as it was.
ALTER TABLE "video" ADD COLUMN     "allowDownload" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "allowEmbed" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "embedDomains" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "visibility" "VideoVisibility" NOT NULL DEFAULT 'PRIVATE';

UPDATE "video" SET "visibility" = 'PUBLIC' WHERE "isPublic";

ALTER TABLE "video" DROP COLUMN "isPublic";

-- CreateTable
CREATE TABLE "video_favorite" (
    "userId" TEXT NOT NULL,
    "videoId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "video_favorite_pkey" PRIMARY KEY ("userId","videoId")
);

-- CreateTable
CREATE TABLE "video_access_log" (
    "id" BIGSERIAL NOT NULL,
    "videoId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "viewerId" TEXT,
    "action" "VideoAccessAction" NOT NULL,
    "allowed" BOOLEAN NOT NULL,
    "reason" TEXT NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "referrerOrigin" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "video_access_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "video_favorite_userId_createdAt_idx" ON "video_favorite"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "video_favorite_videoId_idx" ON "video_favorite"("videoId");

-- CreateIndex
CREATE INDEX "video_access_log_videoId_createdAt_idx" ON "video_access_log"("videoId", "createdAt");

-- CreateIndex
CREATE INDEX "video_access_log_createdAt_action_idx" ON "video_access_log"("createdAt", "action");

-- CreateIndex
CREATE INDEX "video_access_log_viewerId_action_createdAt_idx" ON "video_access_log"("viewerId", "action", "createdAt");

-- CreateIndex
CREATE INDEX "video_visibility_completedAt_id_idx" ON "video"("visibility", "completedAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "video_favorite" ADD CONSTRAINT "video_favorite_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "video_favorite" ADD CONSTRAINT "video_favorite_videoId_fkey" FOREIGN KEY ("videoId") REFERENCES "video"("id") ON DELETE CASCADE ON UPDATE CASCADE;
