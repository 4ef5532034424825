import { DatePicker } from 'antd';
import { afterToday, fromDayjs, toDayjs } from '../lib/dates';
import { useReference } from '../hooks/useLabels';

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
      format="YYYY-MM-DD"
    />
  );
}
