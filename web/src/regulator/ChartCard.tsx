import type * as echarts from 'echarts';
import { Card, Empty } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n';
import { EChart } from '../shared/EChart';

interface Props {
  readonly title: string;
  /** Names the card for tests, e.g. `dashboard-by-industry`. */
  readonly testId: string;
  /** null: nothing to chart (the card says so instead of drawing empty axes). */
  readonly option: echarts.EChartsCoreOption | null;
  readonly height?: number;
  readonly extra?: ReactNode;
  readonly footer?: ReactNode;
}

/** A chart in a card, with its own empty state; the page's PageState covers loading and errors. */
export function ChartCard({ title, testId, option, height = 300, extra, footer }: Props) {
  const { t } = useI18n();
  return (
    <Card size="small" title={title} extra={extra} data-testid={testId} style={{ height: '100%' }}>
      {option ? (
        <EChart option={option} height={height} label={title} />
      ) : (
        <Empty description={t('regulator.chart.empty')} data-testid="chart-empty" />
      )}
      {footer}
    </Card>
  );
}
