import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { formatFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { DecisionsCard, RightsCard, ReviewsCard } from './ApplicationDecisions';
import { ContractCard, LoanCard, OfferCard } from './ApplicationServicing';
import { STATUS_COLOURS } from './ApplicationsPage';
import { CheckList } from './CheckList';
import { useLabel } from './labels';
import { ProofCard } from './ProofUpload';
import type { Application } from '../api/loans';
import type { Product } from './types';

const MAIN_PATH = [
  'submitted',
  'verifying',
  'decided',
  'offered',
  'contracted',
  'disbursed',
  'closed',
] as const;

/** Where a status sits on the main path, and whether the path ended there. */
const STEP_OF: Readonly<Record<string, { index: number; status?: 'error' | 'finish' }>> = {
  draft: { index: 0 },
  submitted: { index: 0 },
  verifying: { index: 1 },
  decided: { index: 2 },
  declined: { index: 2, status: 'error' },
  offered: { index: 3 },
  accepted: { index: 4 },
  contracted: { index: 4, status: 'finish' },
  disbursed: { index: 5, status: 'finish' },
  repaying: { index: 5, status: 'finish' },
  closed: { index: 6, status: 'finish' },
  withdrawn: { index: 0, status: 'error' },
  expired: { index: 3, status: 'error' },
};

/** One application: its progress, checks with fixes, decisions with every reason, and what follows. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const loaded = useApi<Application>(`/loans/applications/${id}`);
  return (
    <PageState loaded={loaded}>
      {(application) => <ApplicationView application={application} reload={loaded.reload} />}
    </PageState>
  );
}

function ApplicationView({
  application,
  reload,
}: {
  application: Application;
  reload: () => void;
}) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  const products = useApi<Product[]>('/loans/products');
  const product = products.data?.find((p) => p.id === application.productId);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="application">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ padding: 0 }}
        onClick={() => void navigate('/borrower/applications')}
      >
        {t('borrower.application.back')}
      </Button>
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {product?.name ?? t('borrower.application.title')}
        </Typography.Title>
        <Tag
          color={STATUS_COLOURS[application.status] ?? 'default'}
          data-testid="application-status"
          data-status={application.status}
        >
          {label('borrower.status', application.status)}
        </Tag>
      </Space>
      {application.retryVerificationAt && (
        <Alert
          type="warning"
          showIcon
          data-testid="application-retry"
          title={t('borrower.application.retryAt', {
            time: formatDateTime(application.retryVerificationAt, locale),
          })}
        />
      )}
      <Card>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 4 }}
          items={[
            {
              key: 'amount',
              label: t('borrower.applications.amount'),
              children: formatFen(application.amountFen),
            },
            {
              key: 'term',
              label: t('borrower.applications.term'),
              children: t('borrower.applications.months', { months: application.termMonths }),
            },
            {
              key: 'method',
              label: t('borrower.application.method'),
              children: label('borrower.method', application.repaymentMethod),
            },
            {
              key: 'created',
              label: t('borrower.applications.createdAt'),
              children: formatDateTime(application.createdAt, locale),
            },
          ]}
        />
        <ProgressSteps status={application.status} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <OfferCard application={application} onChange={reload} />
            <ContractCard application={application} onChange={reload} />
            {application.loanId && <LoanCard loanId={application.loanId} />}
            <DecisionsCard application={application} />
            <ChecksCard application={application} />
            <ProofCard application={application} onUploaded={reload} />
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <RightsCard application={application} onChange={reload} />
            <ReviewsCard application={application} />
            <EventsCard application={application} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function ProgressSteps({ status }: { status: string }) {
  const { t } = useI18n();
  const step = STEP_OF[status] ?? { index: 0 };
  return (
    <Steps
      style={{ marginTop: 16 }}
      size="small"
      current={step.index}
      status={step.status === 'error' ? 'error' : step.status === 'finish' ? 'finish' : 'process'}
      responsive
      data-testid="application-steps"
      items={MAIN_PATH.map((key) => ({ key, title: t(`borrower.application.step.${key}`) }))}
    />
  );
}

function ChecksCard({ application }: { application: Application }) {
  const { t } = useI18n();
  if (application.checks.length === 0) return null;
  return (
    <Card title={t('borrower.checks.title')} data-testid="application-checks">
      {application.recordsUnderObjection.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="application-objection-notice"
          title={t('borrower.checks.evidenceUnderObjection', {
            count: application.recordsUnderObjection.length,
          })}
        />
      )}
      <CheckList checks={application.checks} />
    </Card>
  );
}

/** Who did it, in words: the system, the borrower, or a bank's officer. */
function useActor() {
  const { t } = useI18n();
  return (actor: string) =>
    actor === 'system'
      ? t('borrower.actor.system')
      : actor.startsWith('user:')
        ? t('borrower.actor.officer')
        : actor;
}

function EventsCard({ application }: { application: Application }) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const actorName = useActor();
  const borrowerActor = application.timeline.find((e) => e.event === 'submit')?.actor;
  return (
    <Card title={t('borrower.application.timeline')} data-testid="application-timeline">
      <Timeline
        items={application.timeline.map((event, index) => ({
          key: index,
          color: event.to === 'declined' ? 'red' : 'blue',
          title: formatDateTime(event.at, locale),
          content: (
            <div data-testid="timeline-event" data-event={event.event}>
              <Typography.Text strong>{label('borrower.event', event.event)}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {event.from ? `${label('borrower.status', event.from)} → ` : ''}
                  {label('borrower.status', event.to)} ·{' '}
                  {t('borrower.application.by', {
                    actor:
                      event.actor === borrowerActor
                        ? t('borrower.actor.borrower')
                        : actorName(event.actor),
                  })}
                </Typography.Text>
              </div>
            </div>
          ),
        }))}
      />
    </Card>
  );
}
