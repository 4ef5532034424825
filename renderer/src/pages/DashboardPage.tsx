import { useEffect, useMemo, useState } from 'react';
import { Alert, Col, Row } from 'antd';
import type { IndicatorValueView } from '../../../api/progress-contract';
import { useApp } from '../state/app';
import { useI18n } from '../i18n/context';
import { IndicatorRecords } from './dashboard/IndicatorRecords';
import { dashboardRows } from './dashboard/rows';
import { useDashboardData } from './dashboard/useDashboardData';
import { DashboardToolbar } from './dashboard/DashboardToolbar';
import { SummaryCards } from './dashboard/SummaryCards';
import { ProgressTable } from './dashboard/ProgressTable';
import { UntargetedItems } from './dashboard/UntargetedItems';
import { TrendChart } from './dashboard/TrendChart';
import { ProblemsByUnit } from './dashboard/ProblemsByUnit';
import { HqSections } from './dashboard/HqSections';
import { OfficeSupervisionCard } from './supervision/OfficeSupervisionCard';
import { preloadPages } from './lazyPages';

/**
 * 工作台: how far each item is from its target, where, and the records behind every figure.
 * The page only places its sections, one per line; each is its own component in dashboard/.
 */
export function DashboardPage() {
  const { t } = useI18n();
  const ref = useApp((s) => s.reference!);
  const hq = useApp((s) => s.status!.installation!.role === 'hq');
  const checklist = ref.checklist;
  const [year, setYear] = useState(checklist?.year ?? 0);
  const [prefecture, setPrefecture] = useState<string | null>(null);
  const [drill, setDrill] = useState<IndicatorValueView | null>(null);
  const { progress, error } = useDashboardData(year, prefecture);
  // The first screen is coming: the other pages load in the background once it is shown.
  useEffect(() => {
    if (progress) preloadPages();
  }, [progress]);
  const rows = useMemo(() => (checklist && progress ? dashboardRows(checklist, progress) : null), [checklist, progress]);

  if (!checklist) return <Alert type="warning" showIcon message={t('dashboard.noChecklist')} />;
  if (error) return <Alert type="error" showIcon message={error} />;
  if (!progress || !rows) return null;

  return (
    <div data-testid="page-dashboard" className="sme-dashboard">
      <DashboardToolbar year={year} onYear={setYear} prefecture={prefecture} onPrefecture={setPrefecture} progress={progress} />
      {!hq && <OfficeSupervisionCard />}
      <SummaryCards progress={progress} />
      <ProgressTable year={year} rows={rows.targeted} onDrill={setDrill} />
      <UntargetedItems items={rows.untargeted} progress={progress} />
      <Row gutter={16}>
        <Col span={hq ? 12 : 24}><TrendChart monthly={progress.monthly} /></Col>
        {hq && <Col span={12}><ProblemsByUnit rows={progress.problemsByUnit} /></Col>}
      </Row>
      {hq && <HqSections progress={progress} />}
      <IndicatorRecords indicator={drill} year={year} prefectureCode={prefecture} onClose={() => setDrill(null)} />
    </div>
  );
}
