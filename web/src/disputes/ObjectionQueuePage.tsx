import { Card, Select, Table } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import { Countdown, ObjectionStatusTag } from './parts';
import { OBJECTION_STATUSES, type Objection } from './types';

type Filter = 'open' | 'all' | Objection['status'];

/** Open objections first by deadline; closed ones newest first. */
function byUrgency(a: Objection, b: Objection): number {
  if (a.dueAt && b.dueAt) return a.dueAt < b.dueAt ? -1 : 1;
  if (a.dueAt) return -1;
  if (b.dueAt) return 1;
  return a.createdAt < b.createdAt ? 1 : -1;
}

/**
 * The objections a member of staff works: the operator's queue (all of them) or a provider's
 * (objections to its records), the nearest deadline first.
 */
export function ObjectionQueuePage({ portal }: { portal: 'regulator' | 'provider' }) {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<Filter>('open');
  const query = filter === 'all' ? '' : filter === 'open' ? '?open=true' : `?status=${filter}`;
  const objections = useApi<Objection[]>(`/disputes/objections${query}`);
  return (
    <Card
      title={t(portal === 'provider' ? 'disputes.queue.providerTitle' : 'disputes.queue.title')}
      extra={
        <Select<Filter>
          value={filter}
          onChange={setFilter}
          style={{ minWidth: 160 }}
          data-testid="queue-filter"
          options={[
            { value: 'open', label: t('disputes.queue.open') },
            { value: 'all', label: t('disputes.queue.all') },
            ...OBJECTION_STATUSES.map((status) => ({
              value: status,
              label: t(`disputes.status.${status}`),
            })),
          ]}
        />
      }
    >
      <PageState loaded={objections}>
        {(rows) => (
          <Table<Objection>
            rowKey="id"
            size="middle"
            data-testid="queue-table"
            scroll={{ x: 'max-content' }}
            dataSource={[...rows].sort(byUrgency)}
            rowClassName={(row) => (row.breached ? 'objection-breached' : '')}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[
              {
                title: t('disputes.field.deadline'),
                key: 'deadline',
                render: (_, row) => <Countdown objection={row} />,
              },
              {
                title: t('common.status'),
                dataIndex: 'status',
                render: (status: Objection['status']) => <ObjectionStatusTag status={status} />,
              },
              {
                title: t('disputes.field.record'),
                dataIndex: 'recordId',
                render: (id: string, row) => (
                  <Link to={`/${portal}/objections/${row.id}`} data-testid="queue-link">
                    #{id}
                  </Link>
                ),
              },
              {
                title: t('disputes.field.reason'),
                dataIndex: 'reason',
                ellipsis: true,
                width: 320,
              },
              {
                title: t('common.createdAt'),
                dataIndex: 'createdAt',
                render: (value: string) => formatDateTime(value, locale),
              },
            ]}
          />
        )}
      </PageState>
    </Card>
  );
}
