-- AlterTable
ALTER TABLE "user" ADD COLUMN     "creditsLowThreshold" INTEGER NOT NULL DEFAULT 10;
ALTER TABLE "user" ADD CONSTRAINT "user_creditsLowThreshold_check" CHECK ("creditsLowThreshold" >= 0);
