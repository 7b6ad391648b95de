-- Customer conversation data at rest (decision 020): the Gong transcripts, call parties and
-- AI evidence quotes move to AES-GCM ciphertext columns. SQL cannot encrypt with the app's
-- key: the app's start-up job (poc-conversation-data) encrypts the old plaintext columns
-- into these and empties them, idempotently.

-- AlterTable
ALTER TABLE "Poc" ADD COLUMN     "closedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "PocCall" ADD COLUMN     "partiesCipher" TEXT,
ADD COLUMN     "transcriptCipher" TEXT,
ADD COLUMN     "transcriptDeletedAt" TIMESTAMP(3),
ALTER COLUMN "parties" SET DEFAULT '[]';

-- AlterTable
ALTER TABLE "PocValueItem" ADD COLUMN     "evidenceCipher" TEXT;

-- A POC already won or lost counts as closed since its last update.
UPDATE "Poc" SET "closedAt" = "updatedAt" WHERE "status" IN ('WON', 'LOST');
