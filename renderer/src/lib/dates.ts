import dayjs, { type Dayjs } from 'dayjs';

/** The API speaks YYYY-MM-DD; antd's pickers speak dayjs. */
export const toDayjs = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s, 'YYYY-MM-DD') : null);
export const fromDayjs = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);



/**
 * One date format in both languages, the one the date fields show and the API speaks: a
 * timestamp reads 2022-07-20 (or 2022-07-20 14:05), never 02/12/2026 beside 2022-07-20.
 */
export const formatDate = (iso: string): string => dayjs(iso).format('YYYY-MM-DD');
export const formatDateTime = (iso: string): string => dayjs(iso).format('YYYY-MM-DD HH:mm');
