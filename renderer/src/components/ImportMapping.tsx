import { Select, Table, Tag, Typography } from 'antd';
import type { ImportReport, SourceColumn } from '../../../api/ledger-contract';
import { useI18n } from '../i18n/context';

const COLOURS: Record<string, string> = { exact: 'green', alias: 'blue', partial: 'orange', remembered: 'cyan', chosen: 'purple' };
const NOT_IMPORTED = '__none__';

/**
 * Every column of the sheet, with the field it fills (and how sure the match is) or as not
 * imported; any of them can be changed. `onChange` gets the column's letter and the field key
 * (null: not imported).
 */
export function ImportMapping(props: { report: ImportReport; disabled: boolean; onChange: (letter: string, field: string | null) => void }) {
  const { t, language } = useI18n();
  const { report } = props;
  const name = (key: string) => {
    const f = report.fields.find((x) => x.key === key);
    return f ? (language === 'zh' ? f.header : f.headerEn) + (f.required ? ' *' : '') : key;
  };
  const taken = new Map(report.columns.filter((c) => c.field).map((c) => [c.field!, c.letter]));
  const options = [
    { value: NOT_IMPORTED, label: t('excel.notImported') },
    ...report.fields.map((f) => ({ value: f.key, label: taken.has(f.key) ? `${name(f.key)}（${taken.get(f.key)}）` : name(f.key) })),
  ];
  return (
    <Table<SourceColumn>
      size="small"
      rowKey="letter"
      pagination={report.columns.length > 12 ? { pageSize: 12, size: 'small' } : false}
      dataSource={report.columns}
      data-testid="mapping-table"
      columns={[
        {
          title: t('excel.sourceColumn'),
          width: 200,
          render: (_, c) => (
            <span data-testid={`source-${c.letter}`}>
              <Typography.Text type="secondary">{c.letter}</Typography.Text> {c.header || '—'}
            </span>
          ),
        },
        {
          title: t('excel.samples'),
          ellipsis: true,
          render: (_, c) => <Typography.Text type="secondary">{c.samples.join('、') || '—'}</Typography.Text>,
        },
        {
          title: t('excel.field'),
          width: 330,
          render: (_, c) => (
            <span style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
              <Select
                size="small"
                style={{ width: 190 }}
                value={c.field ?? NOT_IMPORTED}
                options={options}
                disabled={props.disabled}
                showSearch={{ optionFilterProp: 'label' }}
                labelRender={(o) => (o.value === NOT_IMPORTED ? t('excel.notImported') : name(String(o.value)))}
                onChange={(v: string) => props.onChange(c.letter, v === NOT_IMPORTED ? null : v)}
                data-testid={`map-${c.letter}`}
              />
              {c.field && c.confidence ? (
                <Tag color={COLOURS[c.confidence]}>{t(`excel.conf.${c.confidence}` as 'excel.conf.exact')}</Tag>
              ) : (
                c.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{language === 'zh' ? c.note.zh : c.note.en}</Typography.Text>
              )}
            </span>
          ),
        },
      ]}
    />
  );
}
