import {
  App,
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  Modal,
  Space,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api, download } from '../api/client';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { formatBp, formatFen } from '../shared/money';
import { OUTCOME_COLOURS } from './ApplicationsPage';
import { useIntentionKey } from '../api/intention-key';
import { useLabel, useLocalText } from './labels';
import type { Application, Decision } from '../api/loans';
import type { NearestFlip } from './types';
import { FormError } from '../shared/FormError';

/** A reason code in words: the catalogue's, else the failed check's own message, else the code. */
function useReasonText(application: Application) {
  const label = useLabel();
  const text = useLocalText();
  return (code: string) => {
    const worded = label('borrower.reason', code);
    if (worded !== code) return worded;
    const problem = application.checks.flatMap((c) => c.problems).find((p) => p.code === code);
    return problem ? text(problem.message) : code;
  };
}

/** Every decision with every reason, its receipt, and for a decline the nearest flip. */
export function DecisionsCard({ application }: { application: Application }) {
  const { t } = useI18n();
  const latest = application.decisions.at(-1);
  return (
    <Card title={t('borrower.application.decisions')} data-testid="application-decisions">
      {application.decisions.length === 0 ? (
        <Empty description={t('borrower.application.noDecision')} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {[...application.decisions].reverse().map((decision) => (
            <DecisionView key={decision.id} decision={decision} application={application} />
          ))}
          {latest?.outcome === 'decline' && <NearestFlipView applicationId={application.id} />}
        </Space>
      )}
    </Card>
  );
}

function DecisionView({ decision, application }: { decision: Decision; application: Application }) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const reasonText = useReasonText(application);
  const { message } = App.useApp();
  const receipt = async () => {
    try {
      await download(
        `/ledger/receipts/${decision.auditEventId}`,
        `xinyi-receipt-${decision.auditEventId}.json`,
      );
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    }
  };
  return (
    <div data-testid="decision" data-outcome={decision.outcome}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag color={OUTCOME_COLOURS[decision.outcome]} data-testid="decision-outcome">
          {label('borrower.outcome', decision.outcome)}
        </Tag>
        <Typography.Text type="secondary">
          {decision.automated
            ? t('borrower.application.automated')
            : t('borrower.application.byOfficer')}{' '}
          · {formatDateTime(decision.decidedAt, locale)}
        </Typography.Text>
        {decision.score && (
          <Tag data-testid="decision-score">
            {t('borrower.application.decidedOnScore', {
              score: decision.score.score,
              grade: decision.score.grade,
            })}
          </Tag>
        )}
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 3, lg: 3 }}
        items={
          decision.limitFen
            ? [
                {
                  key: 'limit',
                  label: t('borrower.application.limit'),
                  children: formatFen(decision.limitFen),
                },
                {
                  key: 'rate',
                  label: t('borrower.application.rate'),
                  children: formatBp(decision.rateBp),
                },
                {
                  key: 'term',
                  label: t('borrower.applications.term'),
                  children: t('borrower.applications.months', { months: decision.termMonths ?? 0 }),
                },
              ]
            : []
        }
      />
      <Typography.Text strong>{t('borrower.application.reasons')}</Typography.Text>
      {decision.reasons.length === 0 ? (
        <div>
          <Typography.Text type="secondary">{t('borrower.application.noReasons')}</Typography.Text>
        </div>
      ) : (
        <ul style={{ paddingInlineStart: 20, margin: '4px 0' }} data-testid="decision-reasons">
          {[...new Set(decision.reasons)].map((code) => (
            <li key={code} data-code={code}>
              {reasonText(code)}
            </li>
          ))}
        </ul>
      )}
      {decision.auditEventId && (
        <Space wrap>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={() => void receipt()}
            data-testid="decision-receipt"
          >
            {t('borrower.application.receipt')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('borrower.application.receiptHelp')}
          </Typography.Text>
        </Space>
      )}
    </div>
  );
}

function NearestFlipView({ applicationId }: { applicationId: string }) {
  const { t } = useI18n();
  const text = useLocalText();
  const loaded = useApi<NearestFlip>(`/loans/applications/${applicationId}/nearest-flip`);
  if (!loaded.data) return null;
  return (
    <Alert
      type={loaded.data.flip ? 'info' : 'warning'}
      showIcon
      data-testid="application-flip"
      title={t('borrower.application.flip')}
      description={
        loaded.data.flip ? text(loaded.data.flip.message) : t('borrower.application.noFlip')
      }
    />
  );
}

type RequestKind = 'human-review' | 'explanation';

/** PIPL art. 24: a person instead of the machine, and an explanation of any decision. */
export function RightsCard({
  application,
  onChange,
}: {
  application: Application;
  onChange: () => void;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<RequestKind | null>(null);
  const latest = application.decisions.at(-1);
  const openRequest = application.reviews.some((r) => r.reason !== 'policy' && r.status !== 'done');
  const mayAskPerson =
    latest?.automated === true &&
    latest.outcome !== 'pending' &&
    ['declined', 'decided', 'offered'].includes(application.status) &&
    !openRequest;
  const mayAskExplanation = latest !== undefined && latest.outcome !== 'pending' && !openRequest;
  if (!latest) return null;
  return (
    <Card title={t('borrower.application.rights')} data-testid="application-rights">
      <Typography.Paragraph type="secondary">
        {t('borrower.application.rightsHelp')}
      </Typography.Paragraph>
      <Space wrap>
        <Button
          disabled={!mayAskPerson}
          onClick={() => setAsking('human-review')}
          data-testid="application-human-review"
        >
          {t('borrower.application.humanReview')}
        </Button>
        <Button
          disabled={!mayAskExplanation}
          onClick={() => setAsking('explanation')}
          data-testid="application-explanation"
        >
          {t('borrower.application.explanation')}
        </Button>
      </Space>
      {asking && (
        <RequestModal
          applicationId={application.id}
          kind={asking}
          onClose={() => setAsking(null)}
          onDone={() => {
            setAsking(null);
            onChange();
          }}
        />
      )}
    </Card>
  );
}

function RequestModal({
  applicationId,
  kind,
  onClose,
  onDone,
}: {
  applicationId: string;
  kind: RequestKind;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { key, settle } = useIntentionKey();
  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api(`/loans/applications/${applicationId}/${kind}`, {
        body: note.trim() ? { note: note.trim() } : {},
        idempotencyKey: key,
      });
      void message.success(t('borrower.application.requested'));
      onDone();
    } catch (error) {
      settle(error);
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={
        kind === 'human-review'
          ? t('borrower.application.humanReview')
          : t('borrower.application.explanation')
      }
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'application-request-submit' }}
    >
      <FormError message={problem} gap={12} />
      <Input.TextArea
        rows={3}
        maxLength={1000}
        placeholder={t('borrower.application.note')}
        aria-label={t('borrower.application.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        data-testid="application-request-note"
      />
    </Modal>
  );
}

/** Reviews and explanations asked for, with the officers' written answers. */
export function ReviewsCard({ application }: { application: Application }) {
  const { t, locale } = useI18n();
  const label = useLabel();
  if (application.reviews.length === 0) return null;
  return (
    <Card title={t('borrower.application.reviews')} data-testid="application-reviews">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {application.reviews.map((review) => (
          <div key={review.id} data-testid="review" data-reason={review.reason}>
            <Space wrap>
              <Typography.Text strong>{label('borrower.review', review.reason)}</Typography.Text>
              <Tag>{label('borrower.reviewStatus', review.status)}</Tag>
            </Space>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(review.createdAt, locale)}
              </Typography.Text>
            </div>
            {review.requestNote && (
              <Typography.Paragraph>{review.requestNote}</Typography.Paragraph>
            )}
            {review.answer && (
              <Alert
                type="info"
                title={t('borrower.application.answer')}
                description={review.answer}
                data-testid="review-answer"
              />
            )}
          </div>
        ))}
      </Space>
    </Card>
  );
}
