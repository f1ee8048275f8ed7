import { Card, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApi } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import { BatchReportView, BatchStatusTag, sourceLabel } from './BatchReportView';
import { categoryLabel, shortId } from './labels';
import type { BatchReport, ProviderCategory } from './types';

const PAGE = 20;

export function BatchesPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const [category, setCategory] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const categories = useApi<ProviderCategory[]>(
    user.organisationId ? `/organisations/${user.organisationId}/categories` : null,
  );
  const query = new URLSearchParams({ limit: String(PAGE + 1), offset: String((page - 1) * PAGE) });
  if (category) query.set('category', category);
  const batches = useApi<BatchReport[]>(`/ingest/batches?${query.toString()}`);
  return (
    <Card
      title={t('provider.batches.title')}
      extra={
        <Select
          allowClear
          placeholder={t('provider.batch.allCategories')}
          style={{ minWidth: 160 }}
          value={category}
          onChange={(value) => {
            setCategory(value);
            setPage(1);
          }}
          options={(categories.data ?? []).map((c) => ({
            value: c.category,
            label: categoryLabel(t, c.category),
          }))}
          data-testid="batches-category"
        />
      }
    >
      <PageState loaded={batches}>
        {(rows) => (
          <Table<BatchReport>
            rowKey="id"
            size="middle"
            data-testid="batches-table"
            scroll={{ x: 'max-content' }}
            dataSource={rows.slice(0, PAGE)}
            pagination={{
              current: page,
              pageSize: PAGE,
              // The API pages by offset without a total: one more row says there is a next page.
              total: (page - 1) * PAGE + rows.length,
              onChange: setPage,
              showSizeChanger: false,
            }}
            columns={[
              {
                title: t('provider.batch.id'),
                dataIndex: 'id',
                render: (id: string) => (
                  <Link to={`/provider/batches/${id}`} data-testid="batch-link">
                    {shortId(id)}
                  </Link>
                ),
              },
              {
                title: t('common.createdAt'),
                dataIndex: 'createdAt',
                render: (value: string) => formatDateTime(value, locale),
              },
              {
                title: t('provider.batch.category'),
                dataIndex: 'category',
                render: (code: string) => categoryLabel(t, code),
              },
              {
                title: t('provider.batch.source'),
                dataIndex: 'source',
                render: (source: string) => sourceLabel(t, source),
              },
              {
                title: t('provider.batch.file'),
                dataIndex: 'fileName',
                render: (name: string | null) => name ?? '—',
              },
              {
                title: t('common.status'),
                dataIndex: 'status',
                render: (status: BatchReport['status']) => <BatchStatusTag status={status} />,
              },
              { title: t('provider.report.read'), dataIndex: 'read', align: 'right' },
              { title: t('provider.report.accepted'), dataIndex: 'accepted', align: 'right' },
              { title: t('provider.report.unchanged'), dataIndex: 'unchanged', align: 'right' },
              {
                title: t('provider.report.quarantined'),
                dataIndex: 'quarantined',
                align: 'right',
                render: (n: number, row) =>
                  n > 0 ? <Link to={`/provider/quarantine?batch=${row.id}`}>{n}</Link> : n,
              },
            ]}
          />
        )}
      </PageState>
    </Card>
  );
}

export function BatchPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const report = useApi<BatchReport>(`/ingest/batches/${id}`);
  return (
    <Card
      title={
        <Space wrap>
          {t('provider.report.title')}
          <span style={{ fontWeight: 400, color: '#888' }}>{shortId(id)}</span>
        </Space>
      }
      extra={<Link to="/provider/batches">{t('provider.batches.back')}</Link>}
    >
      <PageState loaded={report}>{(data) => <BatchReportView report={data} />}</PageState>
    </Card>
  );
}
