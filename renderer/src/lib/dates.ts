import dayjs, { type Dayjs } from 'dayjs';

/** The API speaks YYYY-MM-DD; antd's pickers speak dayjs. */
export const toDayjs = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s, 'YYYY-MM-DD') : null);
export const fromDayjs = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);



