-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "unlockedByAdmin" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "warningExplanations" JSONB;
