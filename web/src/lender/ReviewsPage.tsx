import { App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { formatFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { enumLabel, formatWaiting, slaColour } from './labels';
import type { ApplicationListItem, ReviewTask } from './types';

/** Claims a review for the signed-in officer; answers whether it worked. */
export function useClaim() {
  const { message } = App.useApp();
  return async (task: ReviewTask) => {
    try {
      await api(`/loans/reviews/${task.id}/claim`, { method: 'POST' });
      return true;
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
      return false;
    }
  };
}

export function ReviewsPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const queue = useApi<ReviewTask[]>('/loans/reviews');
  // The queue names no applicant or product; the bank's recent applications do.
  const recent = useApi<{ items: ApplicationListItem[] }>('/loans/applications?limit=200');
  const applications = new Map((recent.data?.items ?? []).map((item) => [item.id, item]));
  const claim = useClaim();
  return (
    <>
      <Typography.Title level={3}>{t('lender.reviews.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('lender.reviews.sla')}</Typography.Paragraph>
      <Card>
        <PageState
          loaded={queue}
          empty={<Empty description={t('lender.reviews.empty')} data-testid="empty" />}
        >
          {(tasks) => (
            <Table<ReviewTask>
              rowKey="id"
              data-testid="reviews-table"
              dataSource={tasks}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              onRow={(task) => ({ 'data-testid': `review-row-${task.applicationId}` }) as object}
              columns={[
                {
                  title: t('lender.reviews.waiting'),
                  dataIndex: 'waitingSeconds',
                  render: (seconds: number) => (
                    <Tag color={slaColour(seconds)} data-testid="review-waiting">
                      {formatWaiting(t, seconds)}
                    </Tag>
                  ),
                },
                {
                  title: t('lender.reviews.application'),
                  dataIndex: 'applicationId',
                  render: (id: string) => (
                    <Link to={`/lender/applications/${id}`}>{id.slice(0, 8)}</Link>
                  ),
                },
                {
                  title: t('lender.apps.applicant'),
                  render: (_, task) => {
                    const item = applications.get(task.applicationId);
                    if (!item) return enumLabel(t, 'kind', task.applicantKind);
                    return item.applicantKind === 'enterprise'
                      ? (item.applicantName ?? item.applicantUscc ?? '—')
                      : t('lender.apps.person', { id: item.id.slice(0, 8) });
                  },
                },
                {
                  title: t('lender.apps.product'),
                  render: (_, task) => {
                    const item = applications.get(task.applicationId);
                    return item
                      ? `${item.productName} (${item.productCode} v${item.productVersion})`
                      : '—';
                  },
                },
                {
                  title: t('lender.reviews.reason'),
                  dataIndex: 'reason',
                  render: (r: string) => enumLabel(t, 'reviewReason', r),
                },
                {
                  title: t('common.status'),
                  render: (_, task) => (
                    <Space wrap size={4}>
                      <Tag color={task.status === 'awaiting_second' ? 'purple' : undefined}>
                        {enumLabel(t, 'reviewStatus', task.status)}
                      </Tag>
                      {task.claimedBy === user.id ? (
                        <Tag color="blue">{t('lender.reviews.mine')}</Tag>
                      ) : null}
                    </Space>
                  ),
                },
                {
                  title: t('lender.apps.amount'),
                  dataIndex: 'amountFen',
                  render: (fen: string) => formatFen(fen),
                },
                {
                  title: t('common.createdAt'),
                  dataIndex: 'createdAt',
                  render: (at: string) => formatDateTime(at, locale),
                },
                {
                  title: t('common.actions'),
                  render: (_, task) => {
                    const open = () => void navigate(`/lender/reviews/${task.id}`);
                    const mayClaim =
                      task.claimedBy === null &&
                      !(task.status === 'awaiting_second' && task.firstApprovalBy === user.id);
                    return (
                      <Space>
                        {mayClaim ? (
                          <Button
                            size="small"
                            type="primary"
                            data-testid="review-claim"
                            onClick={() =>
                              void claim(task).then((ok) => (ok ? open() : queue.reload()))
                            }
                          >
                            {t('lender.reviews.claim')}
                          </Button>
                        ) : null}
                        <Button size="small" data-testid="review-open" onClick={open}>
                          {t('common.details')}
                        </Button>
                      </Space>
                    );
                  },
                },
              ]}
            />
          )}
        </PageState>
      </Card>
    </>
  );
}
