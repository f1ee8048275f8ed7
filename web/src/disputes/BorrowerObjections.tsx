import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Table } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import { Countdown, ObjectionStatusTag } from './parts';
import type { Objection } from './types';

/** The borrower's objections with their status and the deadline of each open one. */
export function BorrowerObjectionsPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const objections = useApi<Objection[]>('/disputes/objections');
  return (
    <Card
      title={t('disputes.mine.title')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => void navigate('/borrower/objections/new')}
          data-testid="objection-new"
        >
          {t('disputes.mine.new')}
        </Button>
      }
    >
      <PageState loaded={objections}>
        {(rows) => (
          <Table<Objection>
            rowKey="id"
            size="middle"
            data-testid="objections-table"
            scroll={{ x: 'max-content' }}
            dataSource={rows}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[
              {
                title: t('common.createdAt'),
                dataIndex: 'createdAt',
                render: (value: string, row) => (
                  <Link to={`/borrower/objections/${row.id}`} data-testid="objection-link">
                    {formatDateTime(value, locale)}
                  </Link>
                ),
              },
              {
                title: t('disputes.field.record'),
                dataIndex: 'recordId',
                render: (id: string) => <Link to={`/borrower/records/${id}`}>#{id}</Link>,
              },
              {
                title: t('disputes.field.reason'),
                dataIndex: 'reason',
                ellipsis: true,
                width: 280,
              },
              {
                title: t('common.status'),
                dataIndex: 'status',
                render: (status: Objection['status']) => <ObjectionStatusTag status={status} />,
              },
              {
                title: t('disputes.field.deadline'),
                key: 'deadline',
                render: (_, row) => <Countdown objection={row} />,
              },
            ]}
          />
        )}
      </PageState>
    </Card>
  );
}
