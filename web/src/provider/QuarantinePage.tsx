import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import { QuarantineDownload } from './BatchReportView';
import { categoryLabel, reasonLabel, shortId } from './labels';
import { ResubmitModal } from './ResubmitModal';
import type { BatchReport, QuarantinedRecord } from './types';

function ReasonList({ record }: { record: QuarantinedRecord }) {
  return (
    <Space orientation="vertical" size={2} data-testid="quarantine-reasons">
      {record.reasons.map((reason, index) => (
        <span key={index} data-testid="quarantine-reason" data-field={reason.field ?? ''}>
          <Tag color="red">{reason.code}</Tag>
          {reason.field && <Typography.Text code>{reason.field}</Typography.Text>} {reason.message}
        </span>
      ))}
    </Space>
  );
}

export function QuarantinePage() {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const batchId = params.get('batch') ?? undefined;
  const reason = params.get('reason') ?? undefined;
  const status = (params.get('status') ?? 'open') as 'open' | 'resubmitted' | 'all';
  const [editing, setEditing] = useState<QuarantinedRecord | null>(null);
  const batches = useApi<BatchReport[]>('/ingest/batches?limit=200');
  const query = new URLSearchParams({ limit: '200' });
  if (batchId) query.set('batchId', batchId);
  if (status !== 'all') query.set('status', status);
  const quarantine = useApi<QuarantinedRecord[]>(`/ingest/quarantine?${query.toString()}`);
  const setFilter = (name: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const codes = useMemo(
    () => [...new Set((quarantine.data ?? []).flatMap((r) => r.reasons.map((x) => x.code)))].sort(),
    [quarantine.data],
  );
  const shown = (quarantine.data ?? []).filter(
    (record) => !reason || record.reasons.some((r) => r.code === reason),
  );
  const batchOptions = (batches.data ?? [])
    .filter((batch) => batch.quarantined > 0)
    .map((batch) => ({
      value: batch.id,
      label: `${shortId(batch.id)} · ${batch.fileName ?? categoryLabel(t, batch.category)} · ${formatDateTime(batch.createdAt, locale)}`,
    }));

  return (
    <Card
      title={t('provider.quarantine.title')}
      extra={batchId ? <QuarantineDownload batchId={batchId} /> : null}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          showSearch
          placeholder={t('provider.quarantine.allBatches')}
          style={{ minWidth: 260 }}
          value={batchId}
          onChange={(value?: string) => setFilter('batch', value)}
          options={batchOptions}
          data-testid="quarantine-batch"
        />
        <Select
          allowClear
          placeholder={t('provider.quarantine.allReasons')}
          style={{ minWidth: 200 }}
          value={reason}
          onChange={(value?: string) => setFilter('reason', value)}
          options={codes.map((code) => ({
            value: code,
            label: `${reasonLabel(t, code)} (${code})`,
          }))}
          data-testid="quarantine-reason-filter"
        />
        <Select
          style={{ minWidth: 140 }}
          value={status}
          onChange={(value) => setFilter('status', value === 'open' ? undefined : value)}
          options={(['open', 'resubmitted', 'all'] as const).map((value) => ({
            value,
            label: t(`provider.quarantine.status.${value}`),
          }))}
          data-testid="quarantine-status"
        />
      </Space>
      <PageState
        loaded={{ ...quarantine, data: quarantine.data === undefined ? undefined : shown }}
      >
        {(rows) => (
          <Table<QuarantinedRecord>
            rowKey="id"
            size="middle"
            data-testid="quarantine-table"
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[
              {
                title: t('provider.quarantine.batch'),
                dataIndex: 'batchId',
                render: (id: string) => <Link to={`/provider/batches/${id}`}>{shortId(id)}</Link>,
              },
              { title: t('provider.quarantine.line'), dataIndex: 'line', align: 'right' },
              {
                title: t('provider.quarantine.reasons'),
                key: 'reasons',
                // Wide enough for a reason a line, narrow enough to keep the actions in view.
                width: 420,
                render: (_, record) => <ReasonList record={record} />,
              },
              {
                title: t('provider.quarantine.raw'),
                dataIndex: 'raw',
                render: (raw: string) => (
                  <Typography.Text
                    code
                    ellipsis={{ tooltip: raw }}
                    style={{ maxWidth: 180, display: 'inline-block' }}
                  >
                    {raw}
                  </Typography.Text>
                ),
              },
              {
                title: t('common.status'),
                dataIndex: 'status',
                render: (value: QuarantinedRecord['status']) => (
                  <Tag color={value === 'open' ? 'orange' : 'green'}>
                    {t(`provider.quarantine.status.${value}`)}
                  </Tag>
                ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_, record) =>
                  record.status === 'open' ? (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(record)}
                      data-testid="quarantine-resubmit"
                    >
                      {t('provider.quarantine.resubmit')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </PageState>
      {editing && (
        <ResubmitModal
          record={editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            quarantine.reload();
            batches.reload();
          }}
        />
      )}
    </Card>
  );
}
