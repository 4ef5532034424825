/**
 * The 专精特新 enterprises (about 8 % of the register) in an index of their own, with what the
 * coverage figures read: the service officer and the date assigned (items 14 and 21). Their
 * population and service-officer coverage were counted by reading every enterprise's row (100,000
 * at HQ, 45 ms of CPU for the region, cold); now about 8,000 index entries. Item 14's coverage
 * walks them and looks each up among the enterprises its activities and visits reached (138 ms
 * to 104 ms). Partial, so that registering or importing an ordinary enterprise costs nothing more.
 */
export const sql = `
CREATE INDEX enterprises_specialised ON enterprises (deleted, prefecture_code, specialised, service_officer, service_officer_since, updated_at, id) WHERE specialised <> 'none';
`;
