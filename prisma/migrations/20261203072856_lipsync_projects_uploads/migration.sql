-- CreateEnum
CREATE TYPE "UploadPurpose" AS ENUM ('IMAGE', 'VIDEO', 'AUDIO');

-- CreateEnum
CREATE TYPE "UploadStatus" AS ENUM ('PENDING', 'COMPLETED', 'ABORTED');

-- AlterEnum
ALTER TYPE "VideoMode" ADD VALUE 'LIPSYNC';

-- AlterTable
ALTER TABLE "video" ADD COLUMN     "audioDurationMs" INTEGER,
ADD COLUMN     "audioUrl" TEXT,
ADD COLUMN     "hasAudio" BOOLEAN,
ADD COLUMN     "height" INTEGER,
ADD COLUMN     "language" TEXT,
ADD COLUMN     "mediaDurationMs" INTEGER,
ADD COLUMN     "progress" INTEGER,
ADD COLUMN     "projectId" TEXT,
ADD COLUMN     "script" TEXT,
ADD COLUMN     "sourceVideoUrl" TEXT,
ADD COLUMN     "voice" TEXT,
ADD COLUMN     "width" INTEGER;

-- CreateTable
CREATE TABLE "project" (
    "id" TEXT NOT NULL DEFAULT ('prj_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "upload" (
    "id" TEXT NOT NULL DEFAULT ('upl_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
    "userId" TEXT NOT NULL,
    "purpose" "UploadPurpose" NOT NULL,
    "status" "UploadStatus" NOT NULL DEFAULT 'PENDING',
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "key" TEXT NOT NULL,
    "partSize" INTEGER NOT NULL,
    "partCount" INTEGER NOT NULL,
    "multipartId" TEXT NOT NULL,
    "facts" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "abortedAt" TIMESTAMP(3),

    CONSTRAINT "upload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "project_userId_createdAt_id_idx" ON "project"("userId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "upload_key_key" ON "upload"("key");

-- CreateIndex
CREATE INDEX "upload_userId_createdAt_idx" ON "upload"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "upload_status_createdAt_idx" ON "upload"("status", "createdAt");

-- CreateIndex
CREATE INDEX "video_projectId_createdAt_id_idx" ON "video"("projectId", "createdAt" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "video" ADD CONSTRAINT "video_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "project"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "project" ADD CONSTRAINT "project_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "upload" ADD CONSTRAINT "upload_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
