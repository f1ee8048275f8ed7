import type * as echarts from 'echarts';
import { Card, Col, Row, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatShare } from '../shared/format';
import { PageState } from '../shared/PageState';
import { STACK } from './layout';
import { ChartCard } from './ChartCard';
import { categoryLabel, percent } from './labels';
import { summarise, type QualitySummary } from './quality';
import type { QualityRow } from '../api/quality';
import type { Organisation } from './types';

const days = (value: number | null) => (value === null ? '—' : value.toFixed(1));

function useProviderNames() {
  const organisations = useApi<Organisation[]>('/organisations?kind=provider');
  return useMemo(
    () => new Map((organisations.data ?? []).map((o) => [o.id, o.name])),
    [organisations.data],
  );
}

function shareSeries(
  summaries: readonly QualitySummary[],
  t: ReturnType<typeof useI18n>['t'],
  type: 'bar' | 'line',
) {
  return [
    ['regulator.quality.completeness', (s: QualitySummary) => s.completeness],
    ['regulator.quality.validity', (s: QualitySummary) => s.validity],
    ['regulator.quality.duplicates', (s: QualitySummary) => s.duplicates],
  ].map(([key, pick]) => ({
    name: t(key as Parameters<typeof t>[0]),
    type,
    connectNulls: true,
    data: summaries.map((s) => percent((pick as (s: QualitySummary) => number | null)(s))),
  }));
}

function Charts({ rows, names }: { rows: readonly QualityRow[]; names: Map<string, string> }) {
  const { t } = useI18n();
  const { byProvider, byMonth } = useMemo(() => {
    const providers = summarise(rows, (r) => r.organisationId);
    const months = summarise(rows, (r) => r.month);
    const axis = { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } };
    const common = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    };
    const providerOption: echarts.EChartsCoreOption = {
      ...common,
      xAxis: {
        type: 'category',
        data: providers.map((s) => names.get(s.key) ?? s.key.slice(0, 8)),
        axisLabel: { interval: 0, rotate: providers.length > 4 ? 30 : 0 },
      },
      yAxis: axis,
      series: shareSeries(providers, t, 'bar'),
    };
    const monthOption: echarts.EChartsCoreOption = {
      ...common,
      xAxis: { type: 'category', data: months.map((s) => s.key) },
      yAxis: [axis, { type: 'value', name: t('regulator.quality.days'), min: 0 }],
      series: [
        ...shareSeries(months, t, 'line'),
        {
          name: t('regulator.quality.timelinessMedian'),
          type: 'line',
          yAxisIndex: 1,
          lineStyle: { type: 'dashed' },
          data: months.map((s) => s.timelinessMedianDays),
        },
      ],
    };
    return { byProvider: providerOption, byMonth: monthOption };
  }, [rows, names, t]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <ChartCard
          testId="quality-by-provider"
          title={t('regulator.quality.byProviderTitle')}
          option={byProvider}
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          testId="quality-by-month"
          title={t('regulator.quality.trendTitle')}
          option={byMonth}
        />
      </Col>
    </Row>
  );
}

function Details({ rows, names }: { rows: readonly QualityRow[]; names: Map<string, string> }) {
  const { t } = useI18n();
  const [provider, setProvider] = useState<string | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const shown = rows.filter(
    (r) => (!provider || r.organisationId === provider) && (!category || r.category === category),
  );
  const providers = [...new Set(rows.map((r) => r.organisationId))];
  const categories = [...new Set(rows.map((r) => r.category))].sort();
  return (
    <Card
      size="small"
      title={t('regulator.quality.rowsTitle')}
      extra={
        <Space wrap>
          <Select
            data-testid="quality-provider-filter"
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('regulator.quality.allProviders')}
            value={provider}
            onChange={setProvider}
            options={providers.map((id) => ({ value: id, label: names.get(id) ?? id }))}
          />
          <Select
            allowClear
            style={{ minWidth: 160 }}
            placeholder={t('regulator.quality.allCategories')}
            value={category}
            onChange={setCategory}
            options={categories.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
          />
        </Space>
      }
    >
      <Table<QualityRow>
        data-testid="quality-rows"
        size="small"
        rowKey={(r) => `${r.organisationId}|${r.category}|${r.month}`}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 12, showSizeChanger: false }}
        dataSource={shown}
        columns={[
          {
            title: t('regulator.quality.provider'),
            dataIndex: 'organisationId',
            render: (id: string) => names.get(id) ?? id,
          },
          {
            title: t('regulator.quality.category'),
            dataIndex: 'category',
            render: (c: string) => categoryLabel(t, c),
          },
          { title: t('regulator.quality.month'), dataIndex: 'month' },
          { title: t('regulator.quality.batches'), dataIndex: 'batches', align: 'right' },
          { title: t('regulator.quality.read'), dataIndex: 'read', align: 'right' },
          ...(['completeness', 'validity', 'duplicates'] as const).map((field) => ({
            title: t(`regulator.quality.${field}`),
            dataIndex: field,
            align: 'right' as const,
            render: (share: number | null) => formatShare(share),
          })),
          {
            title: t('regulator.quality.timeliness'),
            render: (_: unknown, r: QualityRow) =>
              `${days(r.timelinessMedianDays)} / ${days(r.timelinessP90Days)}`,
          },
        ]}
      />
    </Card>
  );
}

/** Completeness, validity, timeliness and duplicates of every provider's deliveries. */
export function QualityPage() {
  const { t } = useI18n();
  const loaded = useApi<QualityRow[]>('/ingest/quality');
  const names = useProviderNames();
  return (
    <div data-testid="regulator-quality">
      <Typography.Title level={3}>{t('regulator.quality.title')}</Typography.Title>
      <PageState loaded={loaded}>
        {(rows) => (
          <div style={STACK}>
            <Charts rows={rows} names={names} />
            <Details rows={rows} names={names} />
          </div>
        )}
      </PageState>
    </div>
  );
}
