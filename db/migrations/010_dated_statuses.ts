/**
 * Statuses and service officers carry the date they took effect, so that "as of" a date counts
 * only what held on it. Statuses stored as a year become 31 December of that year (it surely held
 * by then; a figure is never counted before its date), and the form asks for the day from now on.
 * A service officer already recorded counts from the day the enterprise was last saved (the
 * assignment was recorded by then at the latest).
 */
export const sql = `
UPDATE enterprises SET statuses = (
  SELECT json_group_object(j.key, CASE WHEN j.type = 'integer' THEN printf('%04d-12-31', j.value) ELSE j.value END)
  FROM json_each(enterprises.statuses) j
) WHERE statuses <> '{}';
ALTER TABLE enterprises ADD COLUMN service_officer_since TEXT;
UPDATE enterprises SET service_officer_since = substr(updated_at, 1, 10) WHERE service_officer IS NOT NULL AND service_officer <> '';
`;
