import type { Enterprise, EnterpriseInput } from '../../../../../api/entities';

/** The form's shape: the input, with the credit code's "none" switch and each status as tick + the date it was reached. */
export type EnterpriseValues = Omit<EnterpriseInput, 'statuses'> & { noUscc: boolean; statusDates: Record<string, string | null | undefined>; statusOn: Record<string, boolean> };

/** A record (or nothing, for a new one) as the form's values. */
export function toValues(r: Enterprise | null, statusIds: string[], prefectureCode: string | null): EnterpriseValues {
  return {
    uscc: r?.uscc ?? '',
    noUscc: r ? r.uscc === null : false,
    noUsccReason: r?.noUsccReason ?? '',
    name: r?.name ?? '',
    prefectureCode: r?.prefectureCode ?? prefectureCode ?? undefined,
    countyCode: r?.countyCode ?? undefined,
    address: r?.address ?? '',
    industry: r?.industry ?? undefined,
    size: r?.size ?? undefined,
    specialised: r?.specialised ?? 'none',
    specialisedYear: r?.specialisedYear ?? undefined,
    listing: r?.listing ?? 'none',
    contactPerson: r?.contactPerson ?? '',
    contactPhone: r?.contactPhone ?? '',
    serviceOfficer: r?.serviceOfficer ?? '',
    serviceOfficerSince: r?.serviceOfficerSince ?? null,
    notes: r?.notes ?? '',
    statusOn: Object.fromEntries(statusIds.map((s) => [s, r?.statuses[s] !== undefined])),
    statusDates: Object.fromEntries(statusIds.map((s) => [s, r?.statuses[s]])),
  } as EnterpriseValues;
}

/** The form's values as the API's input. A ticked status always has its date (the form asks for it). */
export function toInput(v: EnterpriseValues, statusIds: string[], record: Enterprise | null): EnterpriseInput & { id?: string; expectedVersion?: number } {
  const statuses: Record<string, string> = {};
  for (const s of statusIds) {
    const date = v.statusDates?.[s];
    if (v.statusOn?.[s] && date) statuses[s] = date;
  }
  return {
    id: record?.id,
    expectedVersion: record?.version,
    uscc: v.noUscc ? null : (v.uscc ?? ''),
    noUsccReason: v.noUscc ? v.noUsccReason : null,
    name: v.name,
    prefectureCode: v.prefectureCode ?? null,
    countyCode: v.countyCode ?? null,
    address: v.address,
    industry: v.industry ?? null,
    size: v.size ?? null,
    specialised: v.specialised,
    specialisedYear: v.specialisedYear ?? null,
    listing: v.listing,
    contactPerson: v.contactPerson,
    contactPhone: v.contactPhone,
    serviceOfficer: v.serviceOfficer,
    serviceOfficerSince: v.serviceOfficer ? (v.serviceOfficerSince ?? null) : null,
    statuses,
    notes: v.notes,
  };
}
