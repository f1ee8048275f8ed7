import type * as echarts from 'echarts';
import { Card, Col, Row, Statistic, Tooltip, Typography } from 'antd';
import { InfoCircleOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatShare } from '../shared/format';
import { PageState } from '../shared/PageState';
import { STACK } from './layout';
import { ChartCard } from './ChartCard';
import { groupLabel, objectionStatusLabel } from './labels';
import { ratesChartOption } from './rates-chart';
import type { MarketStatistics, ObjectionStatistics } from './types';

function Kpi({
  title,
  value,
  suffix,
  hint,
  testId,
}: {
  title: string;
  value: string | number;
  suffix?: string;
  hint?: string;
  testId: string;
}) {
  return (
    <Card size="small" data-testid={testId} style={{ height: '100%' }}>
      <Statistic
        title={
          hint ? (
            <span>
              {title}{' '}
              <Tooltip title={hint}>
                <InfoCircleOutlined />
              </Tooltip>
            </span>
          ) : (
            title
          )
        }
        value={value}
        suffix={suffix}
      />
    </Card>
  );
}

const KPI_SPAN = { xs: 12, sm: 12, md: 8, lg: 6, xl: 6 } as const;

function Kpis({ stats }: { stats: MarketStatistics }) {
  const { t } = useI18n();
  const { coverage, decisions } = stats;
  const ms = (value: number | null) => (value === null ? '—' : value);
  const defaultRate = decisions.loans === 0 ? null : decisions.defaults / decisions.loans;
  return (
    <Row gutter={[12, 12]}>
      <Col {...KPI_SPAN}>
        <Kpi
          testId="kpi-enterprises"
          title={t('regulator.dashboard.enterprisesWithRecords')}
          value={coverage.enterprisesWithRecords}
          suffix={`/ ${coverage.enterprises}`}
        />
      </Col>
      <Col {...KPI_SPAN}>
        <Kpi
          testId="kpi-applications"
          title={t('regulator.dashboard.applications')}
          value={decisions.applications}
        />
      </Col>
      <Col {...KPI_SPAN}>
        <Kpi
          testId="kpi-approval-rate"
          title={t('regulator.dashboard.approvalRate')}
          value={formatShare(decisions.approvalRate)}
        />
      </Col>
      <Col {...KPI_SPAN}>
        <Kpi
          testId="kpi-automation-rate"
          title={t('regulator.dashboard.automationRate')}
          hint={t('regulator.dashboard.automationHint')}
          value={formatShare(decisions.automationRate)}
        />
      </Col>
      <Col {...KPI_SPAN}>
        <Kpi
          testId="kpi-p50"
          title={t('regulator.dashboard.p50')}
          hint={t('regulator.dashboard.speedHint')}
          value={ms(decisions.decisionMs.p50)}
          suffix={t('regulator.dashboard.ms')}
        />
      </Col>
      <Col {...KPI_SPAN}>
        <Kpi
          testId="kpi-p95"
          title={t('regulator.dashboard.p95')}
          value={ms(decisions.decisionMs.p95)}
          suffix={t('regulator.dashboard.ms')}
        />
      </Col>
      <Col {...KPI_SPAN}>
        <Kpi testId="kpi-loans" title={t('regulator.dashboard.loans')} value={decisions.loans} />
      </Col>
      <Col {...KPI_SPAN}>
        <Kpi
          testId="kpi-default-rate"
          title={t('regulator.dashboard.defaultRate')}
          hint={t('regulator.dashboard.defaultRule')}
          value={formatShare(defaultRate)}
          suffix={`(${decisions.defaults})`}
        />
      </Col>
    </Row>
  );
}

function useCharts(stats: MarketStatistics) {
  const { t, locale } = useI18n();
  return useMemo(() => {
    const { coverage, decisions } = stats;
    const labels = {
      approvalRate: t('regulator.rates.approvalRate'),
      defaultRate: t('regulator.rates.defaultRate'),
      applications: t('regulator.rates.applications'),
      group: (group: string) => groupLabel(t, locale, group),
    };
    const kinds = [t('regulator.dashboard.enterprises'), t('regulator.dashboard.persons')];
    const coverageChart: echarts.EChartsCoreOption = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: kinds },
      yAxis: { type: 'value' },
      series: [
        {
          name: t('regulator.dashboard.registered'),
          type: 'bar',
          data: [coverage.enterprises, coverage.persons],
        },
        {
          name: t('regulator.dashboard.withRecords'),
          type: 'bar',
          data: [coverage.enterprisesWithRecords, coverage.personsWithRecords],
        },
      ],
    };
    const automated = Math.round((decisions.automationRate ?? 0) * decisions.decided);
    const decisionsChart: echarts.EChartsCoreOption | null =
      decisions.applications === 0
        ? null
        : {
            tooltip: { trigger: 'item' },
            legend: { bottom: 0 },
            series: [
              {
                type: 'pie',
                radius: ['40%', '68%'],
                // Counts inside the ring; the legend names them (names outside get cut on a phone).
                label: { position: 'inside', formatter: '{c}' },
                data: [
                  { name: t('regulator.dashboard.automated'), value: automated },
                  { name: t('regulator.dashboard.manual'), value: decisions.decided - automated },
                  {
                    name: t('regulator.dashboard.undecided'),
                    value: decisions.applications - decisions.decided,
                  },
                ],
              },
            ],
          };
    const { p50, p95 } = decisions.decisionMs;
    const speedChart: echarts.EChartsCoreOption | null =
      p50 === null
        ? null
        : {
            tooltip: { trigger: 'axis' },
            grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
            xAxis: {
              type: 'value',
              axisLabel: { formatter: `{value} ${t('regulator.dashboard.ms')}` },
            },
            yAxis: { type: 'category', data: ['P50', 'P95'] },
            series: [
              {
                name: t('regulator.dashboard.speedTitle'),
                type: 'bar',
                label: { show: true, position: 'right' },
                data: [p50, p95],
              },
            ],
          };
    return {
      coverageChart,
      decisionsChart,
      speedChart,
      industry: ratesChartOption(stats.byIndustry, labels),
      region: ratesChartOption(stats.byRegion, labels),
      segment: ratesChartOption(stats.bySegment, labels),
    };
  }, [stats, t, locale]);
}

function MarketCharts({ stats }: { stats: MarketStatistics }) {
  const { t } = useI18n();
  const charts = useCharts(stats);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <ChartCard
          testId="dashboard-coverage"
          title={t('regulator.dashboard.coverageTitle')}
          option={charts.coverageChart}
          height={260}
        />
      </Col>
      <Col xs={24} lg={8}>
        <ChartCard
          testId="dashboard-decisions"
          title={t('regulator.dashboard.decisionsTitle')}
          option={charts.decisionsChart}
          height={260}
        />
      </Col>
      <Col xs={24} lg={8}>
        <ChartCard
          testId="dashboard-speed"
          title={t('regulator.dashboard.speedTitle')}
          option={charts.speedChart}
          height={260}
          footer={
            <Typography.Text type="secondary">{t('regulator.dashboard.speedHint')}</Typography.Text>
          }
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          testId="dashboard-by-industry"
          title={t('regulator.dashboard.byIndustry')}
          option={charts.industry}
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          testId="dashboard-by-segment"
          title={t('regulator.dashboard.bySegment')}
          option={charts.segment}
        />
      </Col>
      <Col xs={24}>
        <ChartCard
          testId="dashboard-by-region"
          title={t('regulator.dashboard.byRegion')}
          option={charts.region}
          footer={
            <Typography.Text type="secondary">
              {t('regulator.dashboard.defaultRule')}
            </Typography.Text>
          }
        />
      </Col>
    </Row>
  );
}

function ObjectionsPanel() {
  const { t } = useI18n();
  const loaded = useApi<ObjectionStatistics>('/disputes/statistics');
  return (
    <Card title={t('regulator.dashboard.objectionsTitle')} data-testid="dashboard-objections">
      <PageState loaded={loaded} isEmpty={(s) => s.total === 0}>
        {(stats) => {
          const statuses = Object.entries(stats.byStatus);
          const option: echarts.EChartsCoreOption = {
            tooltip: { trigger: 'item' },
            legend: { bottom: 0 },
            series: [
              {
                type: 'pie',
                radius: ['35%', '62%'],
                label: { position: 'inside', formatter: '{c}' },
                data: statuses.map(([status, count]) => ({
                  name: objectionStatusLabel(t, status),
                  value: count,
                })),
              },
            ],
          };
          const hours = stats.medianHoursToClose;
          return (
            <Row gutter={[16, 16]} align="middle">
              <Col xs={24} lg={12}>
                <Row gutter={[12, 12]}>
                  {[
                    ['objections-total', 'regulator.dashboard.objectionsTotal', stats.total],
                    ['objections-open', 'regulator.dashboard.objectionsOpen', stats.open],
                    ['objections-breaches', 'regulator.dashboard.breaches', stats.breaches],
                    [
                      'objections-open-breaches',
                      'regulator.dashboard.openBreaches',
                      stats.openBreaches,
                    ],
                    [
                      'objections-hours',
                      'regulator.dashboard.medianHours',
                      hours === null ? '—' : hours.toFixed(1),
                    ],
                    [
                      'objections-upheld',
                      'regulator.dashboard.upheldShare',
                      formatShare(stats.upheldShare),
                    ],
                  ].map(([testId, title, value]) => (
                    <Col xs={12} md={8} key={String(testId)}>
                      <Statistic
                        data-testid={String(testId)}
                        title={t(title as Parameters<typeof t>[0])}
                        value={value as string | number}
                        styles={
                          testId === 'objections-breaches' && Number(value) > 0
                            ? { content: { color: '#cf1322' } }
                            : {}
                        }
                      />
                    </Col>
                  ))}
                </Row>
              </Col>
              <Col xs={24} lg={12}>
                <ChartCard
                  testId="dashboard-objection-statuses"
                  title={t('regulator.dashboard.byStatus')}
                  option={option}
                  height={240}
                />
              </Col>
            </Row>
          );
        }}
      </PageState>
    </Card>
  );
}

/** The regulator's view of the market: coverage, speed, automation, rates by group. */
export function DashboardPage() {
  const { t } = useI18n();
  const loaded = useApi<MarketStatistics>('/monitor/statistics');
  return (
    <div data-testid="regulator-dashboard">
      <Typography.Title level={3}>{t('regulator.dashboard.title')}</Typography.Title>
      <PageState loaded={loaded} isEmpty={() => false}>
        {(stats) => (
          <div style={STACK}>
            <Kpis stats={stats} />
            <MarketCharts stats={stats} />
            <ObjectionsPanel />
          </div>
        )}
      </PageState>
    </div>
  );
}
