import type { Translate, MessageKey } from '../../i18n';

const FIELDS: Record<string, MessageKey> = {
  uscc: 'enterprise.uscc',
  noUsccReason: 'enterprise.noUsccReason',
  name: 'enterprise.name',
  prefectureCode: 'enterprise.prefecture',
  countyCode: 'enterprise.county',
  address: 'enterprise.address',
  industry: 'enterprise.industry',
  size: 'enterprise.size',
  specialised: 'enterprise.specialised',
  specialisedYear: 'enterprise.specialisedYear',
  aboveScale: 'enterprise.aboveScale',
  highTech: 'enterprise.highTech',
  listing: 'enterprise.listing',
  contactPerson: 'enterprise.contactPerson',
  contactPhone: 'enterprise.contactPhone',
  serviceOfficer: 'enterprise.serviceOfficer',
  statuses: 'enterprise.statuses',
  notes: 'common.notes',
  deleted: 'common.deleted',
};

/** The label of an enterprise field in the change history. */
export function enterpriseFieldLabel(t: Translate, field: string): string {
  const key = FIELDS[field];
  return key ? t(key) : field;
}
