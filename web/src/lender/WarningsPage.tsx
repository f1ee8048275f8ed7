import { App, Button, Card, Empty, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import type { Warning } from './types';

function ScoreChange({ before, after }: { before: number | null; after: number | null }) {
  if (before === null || after === null) return <>{`${before ?? '—'} → ${after ?? '—'}`}</>;
  const delta = after - before;
  return (
    <span data-testid="warning-score">
      {before} → {after}{' '}
      <Typography.Text type={delta < 0 ? 'danger' : 'success'}>
        ({delta > 0 ? '+' : ''}
        {delta})
      </Typography.Text>
    </span>
  );
}

export function WarningsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [show, setShow] = useState<'open' | 'all'>('open');
  const warnings = useApi<Warning[]>(
    show === 'open' ? '/monitor/warnings?open=true' : '/monitor/warnings',
  );
  const acknowledge = async (warning: Warning) => {
    try {
      await api(`/monitor/warnings/${warning.id}/acknowledge`, { method: 'POST' });
      void message.success(t('lender.warnings.acknowledged'));
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    }
    warnings.reload();
  };
  return (
    <>
      <Typography.Title level={3}>{t('lender.warnings.title')}</Typography.Title>
      <Segmented
        style={{ marginBottom: 16 }}
        value={show}
        onChange={(value) => setShow(value as 'open' | 'all')}
        options={[
          { value: 'open', label: t('lender.warnings.open') },
          { value: 'all', label: t('lender.warnings.all') },
        ]}
      />
      <Card>
        <PageState
          loaded={warnings}
          empty={<Empty description={t('lender.warnings.empty')} data-testid="empty" />}
        >
          {(data) => (
            <Table<Warning>
              rowKey="id"
              data-testid="warnings-table"
              dataSource={data}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                {
                  title: t('lender.warnings.raisedAt'),
                  dataIndex: 'raisedAt',
                  render: (at: string) => formatDateTime(at, locale),
                },
                {
                  title: t('lender.warnings.record'),
                  render: (_, w) => (
                    <>
                      <Tag color="red">{w.label[locale]}</Tag>
                      <Typography.Text type="secondary">
                        {t('lender.app.record', { id: w.recordId })}
                      </Typography.Text>
                    </>
                  ),
                },
                {
                  title: t('lender.warnings.score'),
                  render: (_, w) => <ScoreChange before={w.scoreBefore} after={w.scoreAfter} />,
                },
                {
                  title: t('lender.loans.loan'),
                  dataIndex: 'loanId',
                  render: (id: string) => <Link to={`/lender/loans/${id}`}>{id.slice(0, 8)}</Link>,
                },
                {
                  title: t('common.status'),
                  render: (_, w) =>
                    w.acknowledgedAt ? (
                      <Tag color="green">
                        {t('lender.warnings.acknowledgedAt', {
                          at: formatDateTime(w.acknowledgedAt, locale),
                        })}
                      </Tag>
                    ) : (
                      <Button
                        size="small"
                        type="primary"
                        data-testid="warning-acknowledge"
                        onClick={() => void acknowledge(w)}
                      >
                        {t('lender.warnings.acknowledge')}
                      </Button>
                    ),
                },
              ]}
            />
          )}
        </PageState>
      </Card>
    </>
  );
}
