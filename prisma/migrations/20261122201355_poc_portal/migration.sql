-- CreateEnum
CREATE TYPE "PocStatus" AS ENUM ('PLANNING', 'ACTIVE', 'WON', 'LOST', 'ON_HOLD');

-- CreateEnum
CREATE TYPE "ItemStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'BLOCKED');

-- CreateEnum
CREATE TYPE "Side" AS ENUM ('SENTRY', 'CUSTOMER');

-- CreateTable
CREATE TABLE "Poc" (
    "id" TEXT NOT NULL,
    "customerName" TEXT NOT NULL,
    "accountDomain" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "status" "PocStatus" NOT NULL DEFAULT 'PLANNING',
    "startDate" DATE,
    "endDate" DATE,
    "goals" TEXT NOT NULL DEFAULT '',
    "internalNotes" TEXT NOT NULL DEFAULT '',
    "shareToken" TEXT,
    "shareExpiresAt" TIMESTAMP(3),
    "techStack" TEXT[],
    "techStackNotes" TEXT NOT NULL DEFAULT '',
    "techConfirmedAt" TIMESTAMP(3),
    "techConfirmedBy" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Poc_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocMilestone" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "owner" TEXT NOT NULL DEFAULT '',
    "side" "Side" NOT NULL DEFAULT 'SENTRY',
    "dueDate" DATE,
    "status" "ItemStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "PocMilestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocPhase" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PocPhase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocTask" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "phaseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "owner" TEXT NOT NULL DEFAULT '',
    "side" "Side" NOT NULL DEFAULT 'SENTRY',
    "dueDate" DATE,
    "status" "ItemStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "PocTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocCriterion" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "feature" TEXT,
    "status" "ItemStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "PocCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocTeamMember" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "side" "Side" NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "PocTeamMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocActivity" (
    "id" TEXT NOT NULL,
    "pocId" TEXT NOT NULL,
    "byCustomer" BOOLEAN NOT NULL DEFAULT false,
    "actor" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PocActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PocTemplate" (
    "kind" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "PocTemplate_pkey" PRIMARY KEY ("kind")
);

-- CreateIndex
CREATE UNIQUE INDEX "Poc_shareToken_key" ON "Poc"("shareToken");

-- CreateIndex
CREATE INDEX "Poc_ownerId_idx" ON "Poc"("ownerId");

-- CreateIndex
CREATE INDEX "Poc_status_idx" ON "Poc"("status");

-- CreateIndex
CREATE INDEX "PocMilestone_pocId_position_idx" ON "PocMilestone"("pocId", "position");

-- CreateIndex
CREATE INDEX "PocPhase_pocId_position_idx" ON "PocPhase"("pocId", "position");

-- CreateIndex
CREATE INDEX "PocTask_phaseId_position_idx" ON "PocTask"("phaseId", "position");

-- CreateIndex
CREATE INDEX "PocTask_pocId_idx" ON "PocTask"("pocId");

-- CreateIndex
CREATE INDEX "PocCriterion_pocId_position_idx" ON "PocCriterion"("pocId", "position");

-- CreateIndex
CREATE INDEX "PocTeamMember_pocId_position_idx" ON "PocTeamMember"("pocId", "position");

-- CreateIndex
CREATE INDEX "PocActivity_pocId_at_idx" ON "PocActivity"("pocId", "at");

-- AddForeignKey
ALTER TABLE "Poc" ADD CONSTRAINT "Poc_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocMilestone" ADD CONSTRAINT "PocMilestone_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocPhase" ADD CONSTRAINT "PocPhase_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocTask" ADD CONSTRAINT "PocTask_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocTask" ADD CONSTRAINT "PocTask_phaseId_fkey" FOREIGN KEY ("phaseId") REFERENCES "PocPhase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocCriterion" ADD CONSTRAINT "PocCriterion_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocTeamMember" ADD CONSTRAINT "PocTeamMember_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PocActivity" ADD CONSTRAINT "PocActivity_pocId_fkey" FOREIGN KEY ("pocId") REFERENCES "Poc"("id") ON DELETE CASCADE ON UPDATE CASCADE;
