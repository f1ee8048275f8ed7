import { DownloadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { download } from '../api/client';
import { useI18n, type Translate } from '../app/i18n';
import type { Locale } from '../i18n/catalogue';
import { formatDateTime, formatShare } from '../shared/format';
import { formatBp, formatFen } from '../shared/money';
import { enumLabel, OutcomeTag, StatusTag } from './labels';
import type { Application, CheckResult, Decision } from '../api/loans';
import type { Product } from './types';

const CHECK_COLOURS = { pass: 'green', fail: 'red', unavailable: 'default' } as const;

function Evidence({ ids, disputed }: { ids: readonly string[]; disputed: ReadonlySet<string> }) {
  const { t } = useI18n();
  if (ids.length === 0) return <>—</>;
  return (
    <Space wrap size={4}>
      {ids.map((id) => (
        <Tag key={id} color={disputed.has(id) ? 'orange' : undefined} data-testid="check-evidence">
          {t('lender.app.record', { id })}
          {disputed.has(id) ? ` · ${t('lender.app.underObjection')}` : ''}
        </Tag>
      ))}
    </Space>
  );
}

function ChecksCard({ application }: { application: Application }) {
  const { t, locale } = useI18n();
  const disputed = new Set(application.recordsUnderObjection);
  return (
    <Card
      title={t('lender.app.checks')}
      style={{ marginBottom: 16 }}
      data-testid="application-checks"
    >
      {application.checks.length === 0 ? (
        <Empty description={t('lender.app.noChecks')} />
      ) : (
        <Table<CheckResult>
          rowKey="check"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={[...application.checks]}
          columns={[
            {
              title: t('lender.app.check'),
              dataIndex: 'check',
              render: (c: string) => enumLabel(t, 'check', c),
            },
            {
              title: t('lender.app.result'),
              dataIndex: 'outcome',
              render: (o: CheckResult['outcome'], row) => (
                <Tag color={CHECK_COLOURS[o]} data-testid={`check-outcome-${row.check}`}>
                  {enumLabel(t, 'checkOutcome', o)}
                </Tag>
              ),
            },
            {
              title: t('lender.app.problems'),
              render: (_, row) =>
                row.problems.length === 0 ? (
                  '—'
                ) : (
                  <Space orientation="vertical" size={4} style={{ maxWidth: 420 }}>
                    {row.problems.map((p) => (
                      <div key={p.code} data-testid={`check-problem-${p.code}`}>
                        <Typography.Text strong>{p.message[locale]}</Typography.Text>
                        <br />
                        <Typography.Text type="secondary">
                          {p.field ? `${t('lender.app.field')}: ${p.field} · ` : ''}
                          {t('lender.app.fix')}: {p.fix.message[locale]}
                        </Typography.Text>
                      </div>
                    ))}
                  </Space>
                ),
            },
            {
              title: t('lender.app.source'),
              dataIndex: 'source',
              render: (s: string) => enumLabel(t, 'category', s),
            },
            {
              title: t('lender.app.asOf'),
              dataIndex: 'asOf',
              render: (d: string | null) => d ?? '—',
            },
            {
              title: t('lender.app.evidence'),
              render: (_, row) => <Evidence ids={row.evidence} disputed={disputed} />,
            },
          ]}
        />
      )}
    </Card>
  );
}

interface Fired {
  readonly node?: string;
  readonly ruleId?: string;
  readonly outputs?: Record<string, unknown>;
}

function DecisionCard({
  decision,
  locale,
  t,
}: {
  decision: Decision;
  locale: Locale;
  t: Translate;
}) {
  const fired = decision.firedRules as readonly Fired[];
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="application-decision"
      title={
        <Space wrap>
          <OutcomeTag t={t} outcome={decision.outcome} />
          <Tag>{decision.automated ? t('lender.app.automated') : t('lender.app.byOfficer')}</Tag>
          <span>{formatDateTime(decision.decidedAt, locale)}</span>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
        <Descriptions.Item label={t('lender.app.limit')}>
          {formatFen(decision.limitFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('lender.app.rate')}>
          {formatBp(decision.rateBp)}
        </Descriptions.Item>
        <Descriptions.Item label={t('lender.app.term')}>
          {decision.termMonths === null ? '—' : t('lender.months', { months: decision.termMonths })}
        </Descriptions.Item>
        <Descriptions.Item label={t('lender.app.reasons')}>
          <Space wrap size={4}>
            {decision.reasons.map((r, index) => (
              <Tag key={`${r}-${index}`}>{r}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('lender.app.snapshotHash')}>
          <Typography.Text
            code
            copyable
            style={{ wordBreak: 'break-all' }}
            data-testid="decision-hash"
          >
            {decision.inputHash}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('lender.app.score')}>
          {decision.score ? (
            <span data-testid="decision-score">
              {t('lender.app.scoreValue', {
                score: decision.score.score,
                grade: decision.score.grade,
                pd: formatShare(decision.score.probabilityOfDefault),
              })}
            </span>
          ) : (
            t('lender.app.noScore')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('lender.app.model')}>
          {decision.modelId ?? t('lender.app.noModel')}
        </Descriptions.Item>
        <Descriptions.Item label={t('lender.product.ruleVersion')}>
          <Typography.Text code>{decision.ruleVersionId.slice(0, 8)}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {fired.length > 0 ? (
        <Table<Fired>
          rowKey={(row, index) => `${row.node}-${row.ruleId}-${index}`}
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          title={() => t('lender.app.firedRules')}
          dataSource={[...fired]}
          columns={[
            { title: t('lender.app.table'), dataIndex: 'node' },
            { title: t('lender.app.rule'), dataIndex: 'ruleId' },
            {
              title: t('lender.app.outputs'),
              dataIndex: 'outputs',
              render: (outputs: Record<string, unknown> | undefined) => (
                <Typography.Text code>{JSON.stringify(outputs ?? {})}</Typography.Text>
              ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}

function DocumentsCard({ application }: { application: Application }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  return (
    <Card
      title={t('lender.app.documents')}
      style={{ marginBottom: 16 }}
      data-testid="application-documents"
    >
      {application.documents.length === 0 ? (
        <Empty description={t('lender.app.noDocuments')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {application.documents.map((doc) => (
            <Space key={doc.id} wrap style={{ width: '100%', justifyContent: 'space-between' }}>
              <span>
                <Typography.Text strong>
                  {enumLabel(t, 'docKind', doc.kind)} · {doc.fileName}
                </Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {formatDateTime(doc.createdAt, locale)} · {(doc.sizeBytes / 1024).toFixed(1)} KB ·
                  SHA-256 {doc.sha256.slice(0, 16)}…
                </Typography.Text>
              </span>
              <Button
                size="small"
                icon={<DownloadOutlined />}
                data-testid={`application-document-${doc.kind}`}
                onClick={() =>
                  void download(`/archive/documents/${doc.id}/content`, doc.fileName).catch(
                    (e: unknown) => message.error(e instanceof Error ? e.message : String(e)),
                  )
                }
              >
                {t('common.download')}
              </Button>
            </Space>
          ))}
        </Space>
      )}
    </Card>
  );
}

function PeopleCard({ application }: { application: Application }) {
  const { t, locale } = useI18n();
  if (application.reviews.length === 0) return null;
  return (
    <Card title={t('lender.app.reviews')} style={{ marginBottom: 16 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {application.reviews.map((review) => (
          <div key={review.id}>
            <Space wrap>
              <Tag>{enumLabel(t, 'reviewReason', review.reason)}</Tag>
              <Tag>{enumLabel(t, 'reviewStatus', review.status)}</Tag>
              <Typography.Text type="secondary">
                {formatDateTime(review.createdAt, locale)}
              </Typography.Text>
            </Space>
            {review.requestNote ? (
              <div>
                {t('lender.app.borrowerWrote')}: {review.requestNote}
              </div>
            ) : null}
            {review.answer ? (
              <div>
                {t('lender.app.answer')}: {review.answer}
              </div>
            ) : null}
          </div>
        ))}
      </Space>
    </Card>
  );
}

function TimelineCard({ application }: { application: Application }) {
  const { t, locale } = useI18n();
  return (
    <Card
      title={t('lender.app.timeline')}
      style={{ marginBottom: 16 }}
      data-testid="application-timeline"
    >
      <Timeline
        items={application.timeline.map((e, index) => ({
          key: index,
          content: (
            <>
              <Typography.Text strong>{enumLabel(t, 'event', e.event)}</Typography.Text>{' '}
              <Typography.Text type="secondary">
                {formatDateTime(e.at, locale)} ·{' '}
                {e.actor.startsWith('user:') ? t('lender.app.actorUser') : e.actor}
              </Typography.Text>
            </>
          ),
        }))}
      />
    </Card>
  );
}

/** Everything the machine saw and decided on an application, for its page and its review. */
export function ApplicationEvidence({
  application,
  product,
}: {
  application: Application;
  product: Product | undefined;
}) {
  const { t, locale } = useI18n();
  return (
    <div data-testid="application-evidence">
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
          <Descriptions.Item label={t('lender.apps.product')}>
            {product ? `${product.name} (${product.code} v${product.version})` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('lender.apps.applicantKind')}>
            {enumLabel(t, 'kind', application.applicantKind)}
          </Descriptions.Item>
          <Descriptions.Item label={t('common.status')}>
            <StatusTag t={t} status={application.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('lender.apps.amount')}>
            {formatFen(application.amountFen)}
          </Descriptions.Item>
          <Descriptions.Item label={t('lender.app.term')}>
            {t('lender.months', { months: application.termMonths })}
          </Descriptions.Item>
          <Descriptions.Item label={t('lender.app.method')}>
            {enumLabel(t, 'repayment', application.repaymentMethod)}
          </Descriptions.Item>
          <Descriptions.Item label={t('common.createdAt')}>
            {formatDateTime(application.createdAt, locale)}
          </Descriptions.Item>
          {product ? (
            <Descriptions.Item label={t('lender.product.secondReviewAbove')}>
              {formatFen(product.secondReviewAboveFen)}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <ChecksCard application={application} />
      <Card title={t('lender.app.decisions')} style={{ marginBottom: 16 }}>
        {application.decisions.length === 0 ? (
          <Empty description={t('lender.app.noDecisions')} />
        ) : (
          application.decisions.map((d) => (
            <DecisionCard key={d.id} decision={d} locale={locale} t={t} />
          ))
        )}
      </Card>
      {application.offers.length > 0 ? (
        <Card
          title={t('lender.app.offers')}
          style={{ marginBottom: 16 }}
          data-testid="application-offers"
        >
          {application.offers.map((offer) => (
            <Descriptions key={offer.id} size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
              <Descriptions.Item label={t('lender.apps.amount')}>
                {formatFen(offer.amountFen)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.app.rate')}>
                {formatBp(offer.annualRateBp)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.app.term')}>
                {t('lender.months', { months: offer.termMonths })}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.app.expires')}>
                {formatDateTime(offer.expiresAt, locale)}
              </Descriptions.Item>
            </Descriptions>
          ))}
          {application.contract ? (
            <Typography.Paragraph>
              {t('lender.app.contract')}:{' '}
              <Typography.Text code>
                {application.contract.documentSha256.slice(0, 16)}…
              </Typography.Text>{' '}
              {application.contract.confirmedAt
                ? t('lender.app.contractConfirmed', {
                    at: formatDateTime(application.contract.confirmedAt, locale),
                  })
                : t('lender.app.contractUnconfirmed')}
            </Typography.Paragraph>
          ) : null}
        </Card>
      ) : null}
      <DocumentsCard application={application} />
      <PeopleCard application={application} />
      <TimelineCard application={application} />
    </div>
  );
}
