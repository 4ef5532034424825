import { Alert, Checkbox, Select, Space, Table, Typography } from 'antd';
import type { ImportReport, ImportRowProblems } from '../../../api/ledger-contract';
import { useI18n } from '../i18n/context';

/** Rows listed with every reason (rejected ones, or ones imported with warnings). */
export function ProblemRows(props: { rows: ImportRowProblems[]; testId: string }) {
  const { t, language } = useI18n();
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.rowNumber}-${r.column}`}
      pagination={{ pageSize: 6, size: 'small' }}
      dataSource={props.rows.flatMap((r) => r.reasons.map((x) => ({ rowNumber: r.rowNumber, column: x.column, reason: language === 'zh' ? x.messageZh : x.message })))}
      columns={[
        { title: t('excel.row'), dataIndex: 'rowNumber', width: 70 },
        { title: t('excel.column'), dataIndex: 'column', width: 140 },
        { title: t('excel.reason'), dataIndex: 'reason' },
      ]}
      data-testid={props.testId}
    />
  );
}

/**
 * What the preview needs from the user besides the columns: answers to values that fit several
 * choices (小微), and whether rows wrong only in optional fields are imported without them.
 */
export function ImportDecisions(props: {
  report: ImportReport;
  answers: Record<string, Record<string, string>>;
  disabled: boolean;
  onAnswer: (field: string, value: string, id: string) => void;
  onSkipBadOptional: (on: boolean) => void;
}) {
  const { t, language } = useI18n();
  const { report } = props;
  const s = report.skipped;
  const fieldName = (key: string) => {
    const f = report.fields.find((x) => x.key === key);
    return f ? (language === 'zh' ? f.header : f.headerEn) : key;
  };
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
      {(s.blank > 0 || s.totals.length > 0 || s.repeated.length > 0 || s.filled > 0) && (
        <Typography.Text type="secondary" data-testid="import-skipped">
          {t('excel.skipped', { blank: s.blank, totals: s.totals.length, repeated: s.repeated.length, filled: s.filled })}
        </Typography.Text>
      )}
      {report.questions.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('excel.questions')}
          data-testid="import-questions"
          description={
            <Space direction="vertical">
              {report.questions.map((q) => (
                <Space key={`${q.field}-${q.value}`}>
                  <span>{t('excel.question', { field: fieldName(q.field), value: q.value, rows: q.rows })}</span>
                  <Select
                    size="small"
                    style={{ width: 200 }}
                    placeholder="—"
                    disabled={props.disabled}
                    value={props.answers[q.field]?.[q.value]}
                    options={q.candidates.map((c) => ({ value: c.id, label: c.label }))}
                    onChange={(id: string) => props.onAnswer(q.field, q.value, id)}
                    data-testid={`answer-${q.field}`}
                  />
                </Space>
              ))}
            </Space>
          }
        />
      )}
      <Checkbox checked={report.skipBadOptional} disabled={props.disabled} onChange={(e) => props.onSkipBadOptional(e.target.checked)} data-testid="skip-bad-optional">
        {t('excel.skipBadOptional')}
      </Checkbox>
    </Space>
  );
}
