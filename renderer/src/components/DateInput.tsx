import { DatePicker } from 'antd';
import { afterToday, fromDayjs, toDayjs } from '../lib/dates';
import { useReference } from '../hooks/useLabels';

// Two-digit months and days only (and 年月日 closed by 日): a format matching a prefix of what is
// being typed (2022/5/1 of 2022/5/10) would be taken before the last digit arrives.
const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY/MM/DD', 'YYYY.MM.DD', 'YYYYMMDD', 'YYYY年M月D日'];

/** A date field whose value is the API's YYYY-MM-DD string; past dates only unless `future`. */
export function DateInput(props: { value?: string | null; onChange?: (v: string | null) => void; future?: boolean; id?: string; 'data-testid'?: string; allowClear?: boolean }) {
  const ref = useReference();
  return (
    <DatePicker
      id={props.id}
      data-testid={props['data-testid']}
      style={{ width: '100%' }}
      value={toDayjs(props.value)}
      onChange={(d) => props.onChange?.(fromDayjs(d))}
      disabledDate={props.future ? undefined : afterToday(ref.today)}
      allowClear={props.allowClear ?? true}
      // Shown as 2022-05-18; also read as 2022/05/18, 2022.05.18, 20220518 or 2022年5月18日.
      format={DATE_FORMATS}
    />
  );
}
