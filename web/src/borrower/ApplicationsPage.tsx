import { Button, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { formatBp, formatFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { useLabel } from './labels';
import type { ApplicationSummary } from './types';

export const STATUS_COLOURS: Readonly<Record<string, string>> = {
  verifying: 'processing',
  decided: 'blue',
  offered: 'gold',
  accepted: 'gold',
  contracted: 'cyan',
  disbursed: 'green',
  repaying: 'green',
  closed: 'default',
  declined: 'red',
  withdrawn: 'default',
  expired: 'default',
};

export const OUTCOME_COLOURS: Readonly<Record<string, string>> = {
  approve: 'green',
  review: 'blue',
  decline: 'red',
  pending: 'gold',
};

/** The borrower's applications, newest first, each opening its detail. */
export function ApplicationsPage() {
  const { t, locale } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const loaded = useApi<{ total: number; items: ApplicationSummary[] }>(
    '/loans/applications?limit=200',
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('borrower.applications.title')}
      </Typography.Title>
      <PageState
        loaded={loaded}
        isEmpty={(data) => data.items.length === 0}
        empty={
          <Space orientation="vertical">
            <Typography.Text type="secondary" data-testid="empty">
              {t('borrower.applications.empty')}
            </Typography.Text>
            <Link to="/borrower/products">{t('borrower.applications.browse')}</Link>
          </Space>
        }
      >
        {(data) => (
          <Table<ApplicationSummary>
            rowKey="id"
            dataSource={data.items}
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="applications-table"
            columns={[
              {
                key: 'product',
                title: t('borrower.applications.product'),
                render: (_, a) => (
                  <Link to={`/borrower/applications/${a.id}`}>{a.productName}</Link>
                ),
              },
              {
                key: 'amount',
                title: t('borrower.applications.amount'),
                render: (_, a) => formatFen(a.amountFen),
              },
              {
                key: 'term',
                title: t('borrower.applications.term'),
                render: (_, a) => t('borrower.applications.months', { months: a.termMonths }),
              },
              {
                key: 'status',
                title: t('common.status'),
                render: (_, a) => (
                  <Tag
                    color={STATUS_COLOURS[a.status] ?? 'default'}
                    data-testid="application-status"
                  >
                    {label('borrower.status', a.status)}
                  </Tag>
                ),
              },
              {
                key: 'outcome',
                title: t('borrower.applications.outcome'),
                render: (_, a) =>
                  a.outcome ? (
                    <Tag color={OUTCOME_COLOURS[a.outcome]}>
                      {label('borrower.outcome', a.outcome)}
                    </Tag>
                  ) : (
                    '—'
                  ),
              },
              {
                key: 'limit',
                title: t('borrower.applications.limit'),
                render: (_, a) =>
                  a.limitFen ? `${formatFen(a.limitFen)} · ${formatBp(a.rateBp)}` : '—',
              },
              {
                key: 'created',
                title: t('borrower.applications.createdAt'),
                render: (_, a) => formatDateTime(a.createdAt, locale),
              },
              {
                key: 'open',
                title: t('common.actions'),
                render: (_, a) => (
                  <Button
                    size="small"
                    data-testid="application-open"
                    onClick={() => void navigate(`/borrower/applications/${a.id}`)}
                  >
                    {t('common.details')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </PageState>
    </Space>
  );
}
