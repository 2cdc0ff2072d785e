--liquibase formatted sql logicalFilePath:db/changelog/010-onboarding.sql

--changeset minirag:010-first-ask
-- When the workspace first asked a question, for the console's getting-started checklist. Daily
-- counters are purged after 90 days, so they cannot say whether a workspace ever asked; this is set
-- once and kept. Workspaces that asked within the kept days get the first such day.
ALTER TABLE workspace_usage ADD COLUMN first_ask_at timestamptz;
UPDATE workspace_usage u SET first_ask_at = d.first_day
FROM (SELECT workspace_id, min(day)::timestamptz AS first_day FROM usage_daily WHERE asks > 0
      GROUP BY workspace_id) d
WHERE d.workspace_id = u.workspace_id;
