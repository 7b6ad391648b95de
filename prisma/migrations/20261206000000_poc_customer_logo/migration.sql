-- The customer's logo on their portal (decision 031): an https URL, "" for none.
ALTER TABLE "Poc" ADD COLUMN "customerLogoUrl" TEXT NOT NULL DEFAULT '';
