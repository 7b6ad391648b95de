-- CreateTable
CREATE TABLE "JobLease" (
    "jobId" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("jobId")
);

-- CreateIndex
CREATE INDEX "JobLease_instanceId_idx" ON "JobLease"("instanceId");
