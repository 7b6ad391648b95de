-- The activity log as data (decision 021): what happened is stored as JSON and worded when shown.
ALTER TABLE "PocActivity" ADD COLUMN "data" JSONB;

-- Lines written before: the two shapes the staff feed used to reword get their data back.
-- "set the status of task “Install the SDK” to COMPLETED" (one field of one row).
UPDATE "PocActivity" a
   SET "data" = jsonb_build_object(
         'action', 'edited',
         'row', jsonb_build_object('kind', s.m[2], 'title', s.m[3]),
         'changes', jsonb_build_array(jsonb_build_object('field', s.m[1], 'new', CASE WHEN s.m[4] = '(empty)' THEN NULL ELSE s.m[4] END)))
  FROM (SELECT id, regexp_match(summary, '^set the (\w+) of (milestone|phase|task|criterion|member) “(.*)” to (.*)$') AS m FROM "PocActivity") s
 WHERE s.id = a.id AND s.m IS NOT NULL;

-- "updated status, internalNotes" (fields of the POC itself).
UPDATE "PocActivity" a
   SET "data" = jsonb_build_object(
         'action', 'edited-poc',
         'changes', (SELECT jsonb_agg(jsonb_build_object('field', f)) FROM unnest(string_to_array(s.m[1], ', ')) AS f))
  FROM (SELECT id, regexp_match(summary, '^updated ([A-Za-z]+(?:, [A-Za-z]+)*)$') AS m FROM "PocActivity") s
 WHERE s.id = a.id AND s.m IS NOT NULL;

-- "updated milestone “x”: status COMPLETED, owner Alice" (several fields through the API) keeps its
-- text, with the status and side values in words, as the feed shows them now.
UPDATE "PocActivity"
   SET summary = regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(summary,
         '\mNOT_STARTED\M', 'Not started', 'g'), '\mIN_PROGRESS\M', 'In progress', 'g'), '\mCOMPLETED\M', 'Completed', 'g'),
         '\mBLOCKED\M', 'Blocked', 'g'), '\mSENTRY\M', 'Sentry', 'g'), '\mCUSTOMER\M', 'Customer', 'g')
 WHERE "data" IS NULL AND summary ~ '^updated (milestone|phase|task|criterion|member) “';
