import type * as echarts from 'echarts';
import { percent } from './labels';
import type { GroupRates } from './types';

interface RatesChartLabels {
  readonly approvalRate: string;
  readonly defaultRate: string;
  readonly applications: string;
  /** The group's name in the reader's language. */
  readonly group: (group: string) => string;
}

const APPROVAL_COLOUR = '#1677ff';
const DEFAULT_COLOUR = '#fa8c16';
const FLAGGED_COLOUR = '#cf1322';

/**
 * Approval and default rates of each group as bars (percent), with the number of
 * applications on a second axis; groups in `flagged` are drawn red. null when no group has
 * a decided application (nothing to compare).
 */
export function ratesChartOption(
  rates: readonly GroupRates[],
  labels: RatesChartLabels,
  flagged: ReadonlySet<string> = new Set(),
): echarts.EChartsCoreOption | null {
  const groups = rates.filter((r) => r.decided > 0);
  if (groups.length === 0) return null;
  const colourOf = (group: string, normal: string) =>
    flagged.has(group) ? FLAGGED_COLOUR : normal;
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
    },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: groups.map((r) => labels.group(r.group)),
      axisLabel: { interval: 0, rotate: groups.length > 6 ? 35 : 0 },
    },
    yAxis: [
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      { type: 'value', min: 0, splitLine: { show: false } },
    ],
    series: [
      {
        name: labels.approvalRate,
        type: 'bar',
        itemStyle: { color: APPROVAL_COLOUR },
        data: groups.map((r) => ({
          value: percent(r.approvalRate),
          itemStyle: { color: colourOf(r.group, APPROVAL_COLOUR) },
        })),
      },
      {
        name: labels.defaultRate,
        type: 'bar',
        itemStyle: { color: DEFAULT_COLOUR },
        data: groups.map((r) => ({
          value: percent(r.defaultRate),
          itemStyle: { color: colourOf(r.group, DEFAULT_COLOUR) },
        })),
      },
      {
        name: labels.applications,
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 6,
        data: groups.map((r) => r.applications),
      },
    ],
  };
}
