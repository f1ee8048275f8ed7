import { Card, Col, Row, Select, Table } from 'antd';
import { useState } from 'react';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { EChart } from '../shared/EChart';
import { formatShare } from '../shared/format';
import { PageState } from '../shared/PageState';
import { categoryLabel } from './labels';
import type { QualityRow } from '../api/quality';

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

function QualityCharts({ rows }: { rows: readonly QualityRow[] }) {
  const { t } = useI18n();
  const months = [...new Set(rows.map((row) => row.month))].sort();
  const byMonth = new Map(rows.map((row) => [row.month, row]));
  const series = (pick: (row: QualityRow) => number | null) =>
    months.map((month) => {
      const row = byMonth.get(month);
      return row ? pick(row) : null;
    });
  const shares = {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: t('provider.quality.completeness'),
        key: 'c',
        pick: (r: QualityRow) => percent(r.completeness),
      },
      {
        name: t('provider.quality.validity'),
        key: 'v',
        pick: (r: QualityRow) => percent(r.validity),
      },
      {
        name: t('provider.quality.duplicates'),
        key: 'd',
        pick: (r: QualityRow) => percent(r.duplicates),
      },
    ].map(({ name, pick }) => ({ name, type: 'line', connectNulls: true, data: series(pick) })),
  };
  const timeliness = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: t('provider.quality.days'), min: 0 },
    series: [
      {
        name: t('provider.quality.timelinessMedian'),
        type: 'line',
        connectNulls: true,
        data: series((r) => r.timelinessMedianDays),
      },
      {
        name: t('provider.quality.timelinessP90'),
        type: 'line',
        connectNulls: true,
        data: series((r) => r.timelinessP90Days),
      },
    ],
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('provider.quality.sharesTitle')}>
          <EChart option={shares} height={280} label={t('provider.quality.sharesTitle')} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('provider.quality.timelinessTitle')}>
          <EChart option={timeliness} height={280} label={t('provider.quality.timelinessTitle')} />
        </Card>
      </Col>
      <Col xs={24}>
        <Table<QualityRow>
          size="small"
          rowKey="month"
          data-testid="quality-table"
          scroll={{ x: 'max-content' }}
          pagination={false}
          dataSource={[...rows].sort((a, b) => (a.month < b.month ? 1 : -1))}
          columns={[
            { title: t('provider.quality.month'), dataIndex: 'month' },
            { title: t('provider.quality.batches'), dataIndex: 'batches', align: 'right' },
            { title: t('provider.report.read'), dataIndex: 'read', align: 'right' },
            {
              title: t('provider.quality.completeness'),
              dataIndex: 'completeness',
              align: 'right',
              render: formatShare,
            },
            {
              title: t('provider.quality.validity'),
              dataIndex: 'validity',
              align: 'right',
              render: formatShare,
            },
            {
              title: t('provider.quality.duplicates'),
              dataIndex: 'duplicates',
              align: 'right',
              render: formatShare,
            },
            {
              title: t('provider.quality.timelinessMedian'),
              dataIndex: 'timelinessMedianDays',
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : v),
            },
          ]}
        />
      </Col>
    </Row>
  );
}

export function QualityPage() {
  const { t } = useI18n();
  const quality = useApi<QualityRow[]>('/ingest/quality');
  const [chosen, setChosen] = useState<string | undefined>();
  const categories = [...new Set((quality.data ?? []).map((row) => row.category))].sort();
  const category = chosen ?? categories[0];
  return (
    <Card
      title={t('provider.quality.title')}
      extra={
        categories.length > 0 && (
          <Select
            value={category}
            onChange={setChosen}
            style={{ minWidth: 160 }}
            options={categories.map((code) => ({ value: code, label: categoryLabel(t, code) }))}
            data-testid="quality-category"
          />
        )
      }
    >
      <PageState loaded={quality}>
        {(rows) => <QualityCharts rows={rows.filter((row) => row.category === category)} />}
      </PageState>
    </Card>
  );
}
