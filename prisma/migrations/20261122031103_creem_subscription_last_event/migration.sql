-- AlterTable
ALTER TABLE "creem_subscription" ADD COLUMN     "lastEventAt" TIMESTAMP(3);
