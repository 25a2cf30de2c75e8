-- AlterTable
ALTER TABLE "NationalTarget" ADD COLUMN     "source" TEXT,
ADD COLUMN     "validTo" DATE;

-- AlterTable
ALTER TABLE "Province" ADD COLUMN     "referenceKey" TEXT;

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "firstSubmittedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DeadlineExtension" (
    "id" TEXT NOT NULL,
    "periodId" TEXT NOT NULL,
    "provinceId" TEXT NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "DeadlineExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "DeadlineExtension_periodId_provinceId_key" ON "DeadlineExtension"("periodId", "provinceId");

-- CreateIndex
CREATE UNIQUE INDEX "Province_referenceKey_key" ON "Province"("referenceKey");

-- AddForeignKey
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "Period"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadlineExtension" ADD CONSTRAINT "DeadlineExtension_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Timeliness is measured on the first submission: the earliest submission recorded in the
-- report's status history, or its last submission where no history exists.
UPDATE "Report" r SET "firstSubmittedAt" = COALESCE(
  (SELECT MIN(e."at") FROM "ReportStatusEvent" e WHERE e."reportId" = r."id" AND e."toStatus" = 'SUBMITTED'),
  r."submittedAt"
) WHERE r."submittedAt" IS NOT NULL OR EXISTS (SELECT 1 FROM "ReportStatusEvent" e WHERE e."reportId" = r."id" AND e."toStatus" = 'SUBMITTED');
