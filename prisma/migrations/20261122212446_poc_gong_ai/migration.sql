-- CreateEnum
CREATE TYPE "ValueItemStatus" AS ENUM ('SUGGESTED', 'ACCEPTED', 'EDITED', 'REJECTED');

-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "PocCall" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "gongId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "durationSeconds" INTEGER NOT NULL,
    "url" TEXT,
    "parties" JSONB NOT NULL,
    "selected" BOOLEAN NOT NULL DEFAULT false,
    "transcript" JSONB,
    "transcriptFetchedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PocCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocValueItem" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '[]',
    "confidence" DOUBLE PRECISION,
    "status" "ValueItemStatus" NOT NULL DEFAULT 'SUGGESTED',
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "flagReason" TEXT,
    "source" TEXT NOT NULL DEFAULT 'ai',
    "criterionId" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "PocValueItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocJobRun" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "JobRunStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" TEXT,
    "error" TEXT,
    "params" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "PocJobRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PocCall_pocId_gongId_key" ON "PocCall"("pocId", "gongId");

-- CreateIndex
CREATE INDEX "PocValueItem_pocId_section_idx" ON "PocValueItem"("pocId", "section");

-- CreateIndex
CREATE INDEX "PocJobRun_pocId_kind_createdAt_idx" ON "PocJobRun"("pocId", "kind", "createdAt");

-- AddForeignKey
ALTER TABLE "PocCall" ADD CONSTRAINT "PocCall_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocValueItem" ADD CONSTRAINT "PocValueItem_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocJobRun" ADD CONSTRAINT "PocJobRun_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;
