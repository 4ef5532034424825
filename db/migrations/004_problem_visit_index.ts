/**
 * A visit's problems were found by scanning every problem: unnoticed with a few hundred, 4 ms per
 * visit opened or saved with 15,000 (found by `npm run bench`'s data generation profile).
 */
export const sql = `
CREATE INDEX problems_visit ON problems (visit_id);
`;
