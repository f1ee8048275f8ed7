import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n } from '../app/i18n';
import { showFieldErrors } from '../shared/form-errors';
import { formatBp, formatFen, yuanToFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { useIntentionKey } from '../api/intention-key';
import { ApplicationEvidence } from './ApplicationEvidence';
import { useApplication } from './ApplicationPage';
import { enumLabel, formatWaiting, slaColour } from './labels';
import { useClaim } from './ReviewsPage';
import type { Application } from '../api/loans';
import type { Product, ReviewTask } from './types';
import { FormError } from '../shared/FormError';

interface DecideValues {
  outcome: 'approve' | 'decline';
  reason: string;
  limitFen?: string;
  rateBp?: number | null;
  termMonths?: number | null;
}

const fenToYuan = (fen: string) => (BigInt(fen) / 100n).toString();

function DecideForm({
  task,
  application,
  product,
  onDone,
}: {
  task: ReviewTask;
  application: Application;
  product: Product | undefined;
  onDone: (status: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<DecideValues>();
  const outcome = Form.useWatch('outcome', form);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { key, settle } = useIntentionKey();
  const first = task.firstApproval;
  const initial: Partial<DecideValues> = first
    ? {
        outcome: 'approve',
        limitFen: fenToYuan(first.limitFen),
        rateBp: first.rateBp,
        termMonths: first.termMonths,
      }
    : { limitFen: fenToYuan(application.amountFen), termMonths: application.termMonths };

  const submit = async (values: DecideValues) => {
    setSaving(true);
    setFormError(null);
    const approve = values.outcome === 'approve';
    try {
      const answer = await api<{ status: string }>(`/loans/reviews/${task.id}/decide`, {
        body: {
          outcome: values.outcome,
          reason: values.reason,
          ...(approve && values.limitFen
            ? { limitFen: yuanToFen(values.limitFen) ?? values.limitFen }
            : {}),
          ...(approve && typeof values.rateBp === 'number' ? { rateBp: values.rateBp } : {}),
          ...(approve && typeof values.termMonths === 'number'
            ? { termMonths: values.termMonths }
            : {}),
        },
        idempotencyKey: key,
      });
      settle();
      onDone(answer.status);
    } catch (error) {
      settle(error);
      setFormError(
        showFieldErrors(form, error, ['outcome', 'reason', 'limitFen', 'rateBp', 'termMonths']),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<DecideValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => void submit(v)}
      data-testid="review-decide-form"
    >
      <FormError message={formError} />
      <Form.Item name="outcome" label={t('lender.review.outcome')} rules={[{ required: true }]}>
        <Radio.Group>
          <Radio value="approve" data-testid="review-approve">
            {t('lender.review.approve')}
          </Radio>
          {first ? null : (
            <Radio value="decline" data-testid="review-decline">
              {t('lender.review.decline')}
            </Radio>
          )}
        </Radio.Group>
      </Form.Item>
      {outcome === 'approve' ? (
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              name="limitFen"
              label={t('lender.review.limitYuan')}
              extra={
                product
                  ? t('lender.review.thresholdHelp', {
                      threshold: formatFen(product.secondReviewAboveFen),
                    })
                  : undefined
              }
            >
              <Input inputMode="decimal" data-testid="review-limit" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="rateBp" label={t('lender.review.rateBp')}>
              <InputNumber
                min={0}
                max={10000}
                precision={0}
                style={{ width: '100%' }}
                data-testid="review-rate"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="termMonths" label={t('lender.review.termMonths')}>
              <InputNumber
                min={1}
                max={360}
                precision={0}
                style={{ width: '100%' }}
                data-testid="review-term"
              />
            </Form.Item>
          </Col>
        </Row>
      ) : null}
      <Form.Item
        name="reason"
        label={t('lender.review.reason')}
        rules={[{ required: true, message: t('lender.review.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="review-reason" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="review-submit">
        {t('lender.review.submit')}
      </Button>
    </Form>
  );
}

function ExplainForm({ task, onDone }: { task: ReviewTask; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ answer: string }>();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async ({ answer }: { answer: string }) => {
    setSaving(true);
    setFormError(null);
    try {
      await api(`/loans/reviews/${task.id}/explain`, { body: { answer } });
      onDone();
    } catch (error) {
      setFormError(showFieldErrors(form, error, ['answer']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      data-testid="review-explain-form"
    >
      <FormError message={formError} />
      {task.requestNote ? (
        <Typography.Paragraph>
          {t('lender.app.borrowerWrote')}: {task.requestNote}
        </Typography.Paragraph>
      ) : null}
      <Form.Item
        name="answer"
        label={t('lender.review.answer')}
        rules={[{ required: true, message: t('lender.review.reasonRequired') }]}
      >
        <Input.TextArea rows={5} maxLength={4000} showCount data-testid="review-answer" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="review-explain-submit">
        {t('lender.review.sendAnswer')}
      </Button>
    </Form>
  );
}

function ActionCard({
  task,
  application,
  product,
  reload,
}: {
  task: ReviewTask;
  application: Application;
  product: Product | undefined;
  reload: () => void;
}) {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const claim = useClaim();
  const finished = (status: string) => {
    void message.success(
      status === 'awaiting_second' ? t('lender.review.awaitingSecond') : t('lender.review.done'),
    );
    void navigate('/lender/reviews');
  };
  const mine = task.claimedBy === user.id;
  const firstApprover = task.firstApprovalBy === user.id;
  return (
    <Card
      title={
        <Space wrap>
          <span>{enumLabel(t, 'reviewReason', task.reason)}</span>
          <Tag>{enumLabel(t, 'reviewStatus', task.status)}</Tag>
          <Tag color={slaColour(task.waitingSeconds)}>{formatWaiting(t, task.waitingSeconds)}</Tag>
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid="review-actions"
    >
      {task.firstApproval ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="review-first-approval"
          title={t('lender.review.firstApproval', {
            limit: formatFen(task.firstApproval.limitFen),
            rate: formatBp(task.firstApproval.rateBp),
            term: task.firstApproval.termMonths,
          })}
          description={task.firstApproval.note}
        />
      ) : null}
      {firstApprover ? (
        <Alert
          type="warning"
          showIcon
          title={t('lender.review.needsOtherOfficer')}
          data-testid="review-needs-other"
        />
      ) : mine ? (
        task.reason === 'explanation_requested' ? (
          <ExplainForm task={task} onDone={() => finished('done')} />
        ) : (
          <DecideForm task={task} application={application} product={product} onDone={finished} />
        )
      ) : task.claimedBy ? (
        <Alert type="warning" showIcon title={t('lender.review.claimedByOther')} />
      ) : (
        <Button
          type="primary"
          data-testid="review-claim"
          onClick={() => void claim(task).then(reload)}
        >
          {t('lender.reviews.claim')}
        </Button>
      )}
    </Card>
  );
}

/** One review: the full evidence, and claiming, deciding or answering it. */
export function ReviewPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const queue = useApi<ReviewTask[]>('/loans/reviews');
  const task = queue.data?.find((x) => x.id === id);
  const application = useApplication(task?.applicationId ?? null);
  const loadedTask = useMemo(
    () => ({ ...queue, data: queue.data ? (task ?? null) : undefined }),
    [queue, task],
  );
  return (
    <PageState
      loaded={loadedTask}
      isEmpty={(data) => data === null}
      empty={
        <Result
          status="success"
          title={t('lender.review.notOpen')}
          extra={
            <Button onClick={() => void navigate('/lender/reviews')}>
              {t('lender.review.backToQueue')}
            </Button>
          }
        />
      }
    >
      {(openTask) =>
        openTask ? (
          <>
            <Typography.Title level={3}>
              {t('lender.review.title', { id: openTask.applicationId.slice(0, 8) })}
            </Typography.Title>
            <PageState loaded={application} isEmpty={() => false}>
              {({ application: app, product }) => (
                <>
                  <ActionCard
                    task={openTask}
                    application={app}
                    product={product}
                    reload={queue.reload}
                  />
                  <ApplicationEvidence application={app} product={product} />
                </>
              )}
            </PageState>
          </>
        ) : null
      }
    </PageState>
  );
}
