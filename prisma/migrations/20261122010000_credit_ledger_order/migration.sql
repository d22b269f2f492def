-- DropIndex
DROP INDEX "credit_transaction_userId_createdAt_id_idx";

-- DropIndex
DROP INDEX "credit_transaction_userId_type_createdAt_idx";

-- AlterTable
ALTER TABLE "credit_transaction" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "credit_transaction_seq_key" ON "credit_transaction"("seq");

-- CreateIndex
CREATE INDEX "credit_transaction_userId_seq_idx" ON "credit_transaction"("userId", "seq" DESC);

-- CreateIndex
CREATE INDEX "credit_transaction_userId_type_seq_idx" ON "credit_transaction"("userId", "type", "seq" DESC);

-- CreateIndex
CREATE INDEX "credit_transaction_reference_idx" ON "credit_transaction"("reference");
