import { DatePicker, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { fromDayjs, toDayjs } from '../lib/dates';
import { useReference } from '../hooks/useLabels';
import { useI18n } from '../i18n/context';

// Two-digit months and days only (and 年月日 closed by 日): a format matching a prefix of what is
// being typed (2022/5/1 of 2022/5/10) would be taken before the last digit arrives.
const DATE_FORMATS = ['YYYY-MM-DD', 'YYYY/MM/DD', 'YYYY.MM.DD', 'YYYYMMDD', 'YYYY年M月D日'];

/**
 * A date field whose value is the API's YYYY-MM-DD string. Nothing typed is replaced: a date the
 * field does not accept (after today, for a past-only field) is kept and refused on the field by
 * `useDateRules().notFuture` with its reason; the picker's disabledDate used to turn a typed
 * 2027-01-05 silently into the previous value (today). With `checklistYear`, a date in another
 * year is allowed with a note that it does not count towards that year's checklist.
 */
export function DateInput(props: { value?: string | null; onChange?: (v: string | null) => void; id?: string; 'data-testid'?: string; allowClear?: boolean; checklistYear?: number }) {
  const { t } = useI18n();
  const year = props.value ? Number(props.value.slice(0, 4)) : null;
  const outside = props.checklistYear !== undefined && year !== null && year !== props.checklistYear;
  return (
    <>
      <DatePicker
        id={props.id}
        data-testid={props['data-testid']}
        style={{ width: '100%' }}
        value={toDayjs(props.value)}
        onChange={(d) => props.onChange?.(fromDayjs(d))}
        allowClear={props.allowClear ?? true}
        // Shown as 2022-05-18; also read as 2022/05/18, 2022.05.18, 20220518 or 2022年5月18日.
        format={DATE_FORMATS}
      />
      {outside && (
        <Typography.Text type="warning" style={{ display: 'block', fontSize: 12, marginTop: 2 }} data-testid="date-year-note">
          {t('date.outsideChecklistYear', { year: props.checklistYear! })}
        </Typography.Text>
      )}
    </>
  );
}

/**
 * Field rules for dates. The API refuses the same (db/validation); checking here says so on the
 * field as soon as the date is chosen, in forms that do not go through FormDrawer too.
 */
export function useDateRules(): { notFuture: Rule } {
  const { t } = useI18n();
  const today = useReference().today;
  return {
    notFuture: { validator: (_: unknown, v: unknown) => (typeof v === 'string' && v > today ? Promise.reject(new Error(t('date.future', { today }))) : Promise.resolve()) },
  };
}
