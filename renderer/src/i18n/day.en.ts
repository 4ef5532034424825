import type { dayZh } from './day.zh';

export const dayEn: Record<keyof typeof dayZh, string> = {
  'date.future': 'The date cannot be after today ({today}).',
  'date.outsideChecklistYear': 'This date is outside {year}: it does not count towards the {year} checklist.',
  'problem.open': 'Open',
  'setup.hqOfficeName': 'Department of Economy and Information Technology, Tibet Autonomous Region',
  'enterprise.yearRange': 'The year must be between 1990 and {max}.',
};
