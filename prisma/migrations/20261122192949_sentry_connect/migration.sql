-- CreateEnum
CREATE TYPE "SentryConnectionMethod" AS ENUM ('OAUTH', 'TOKEN');

-- CreateEnum
CREATE TYPE "SentryConnectionStatus" AS ENUM ('ACTIVE', 'NEEDS_RECONNECT');

-- CreateEnum
CREATE TYPE "SentrySyncStatus" AS ENUM ('IDLE', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "RecommendationStatus" AS ENUM ('OPEN', 'DONE');

-- CreateTable
CREATE TABLE "SentryConnection" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "method" "SentryConnectionMethod" NOT NULL,
    "status" "SentryConnectionStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusReason" TEXT,
    "accessTokenCipher" TEXT NOT NULL,
    "refreshTokenCipher" TEXT,
    "tokenExpiresAt" TIMESTAMP(3),
    "scopes" TEXT[],
    "sentryUserName" TEXT,
    "sentryUserEmail" TEXT,
    "syncStatus" "SentrySyncStatus" NOT NULL DEFAULT 'IDLE',
    "syncRequestedAt" TIMESTAMP(3),
    "syncStartedAt" TIMESTAMP(3),
    "lastSyncedAt" TIMESTAMP(3),
    "lastSyncError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SentryConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentryOrganization" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "sentryId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SentryOrganization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentryProject" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "sentryId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "platform" TEXT,
    "adoption" JSONB NOT NULL,
    "raw" JSONB NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SentryProject_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentrySnapshot" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "apiCalls" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "summary" JSONB NOT NULL,

    CONSTRAINT "SentrySnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentryRecommendation" (
    "id" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "orgSlug" TEXT,
    "projectSlug" TEXT,
    "platform" TEXT,
    "status" "RecommendationStatus" NOT NULL DEFAULT 'OPEN',
    "score" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "adoptedAt" TIMESTAMP(3),

    CONSTRAINT "SentryRecommendation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SentryApiCall" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "method" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "SentryApiCall_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PromptDismissal" (
    "userId" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "dismissedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PromptDismissal_pkey" PRIMARY KEY ("userId","prompt")
);

-- CreateTable
CREATE TABLE "ExperimentAssignment" (
    "userId" TEXT NOT NULL,
    "experiment" TEXT NOT NULL,
    "variant" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "convertedAt" TIMESTAMP(3),

    CONSTRAINT "ExperimentAssignment_pkey" PRIMARY KEY ("userId","experiment")
);

-- CreateTable
CREATE TABLE "SentryConnectionEvent" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "method" TEXT,
    "feature" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SentryConnectionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SentryConnection_userId_key" ON "SentryConnection"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "SentryOrganization_connectionId_sentryId_key" ON "SentryOrganization"("connectionId", "sentryId");

-- CreateIndex
CREATE UNIQUE INDEX "SentryProject_organizationId_sentryId_key" ON "SentryProject"("organizationId", "sentryId");

-- CreateIndex
CREATE INDEX "SentrySnapshot_connectionId_takenAt_idx" ON "SentrySnapshot"("connectionId", "takenAt");

-- CreateIndex
CREATE UNIQUE INDEX "SentryRecommendation_connectionId_key_key" ON "SentryRecommendation"("connectionId", "key");

-- CreateIndex
CREATE INDEX "SentryApiCall_userId_at_idx" ON "SentryApiCall"("userId", "at");

-- CreateIndex
CREATE INDEX "ExperimentAssignment_experiment_variant_idx" ON "ExperimentAssignment"("experiment", "variant");

-- CreateIndex
CREATE INDEX "SentryConnectionEvent_kind_at_idx" ON "SentryConnectionEvent"("kind", "at");

-- CreateIndex
CREATE INDEX "SentryConnectionEvent_userId_idx" ON "SentryConnectionEvent"("userId");

-- AddForeignKey
ALTER TABLE "SentryConnection" ADD CONSTRAINT "SentryConnection_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentryOrganization" ADD CONSTRAINT "SentryOrganization_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SentryConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentryProject" ADD CONSTRAINT "SentryProject_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "SentryOrganization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentrySnapshot" ADD CONSTRAINT "SentrySnapshot_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SentryConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentryRecommendation" ADD CONSTRAINT "SentryRecommendation_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "SentryConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SentryApiCall" ADD CONSTRAINT "SentryApiCall_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PromptDismissal" ADD CONSTRAINT "PromptDismissal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExperimentAssignment" ADD CONSTRAINT "ExperimentAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
