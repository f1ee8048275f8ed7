import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDate } from '../shared/format';
import { showFieldErrors } from '../shared/form-errors';
import { formatBp, formatFen, yuanToFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { EarlierSchedules, scheduleColumns } from './EarlierSchedules';
import { BucketTag, enumLabel } from './labels';
import type { Instalment, Loan } from '../api/loans';
import type { SettlementQuote } from './types';
import { FormError } from '../shared/FormError';

interface PaymentValues {
  amountFen: string;
  reference: string;
  paidOn?: Dayjs | null;
}

/** Records money received; the bank reference makes a repeat harmless (the API answers the same loan). */
function RepaymentForm({ loan, onDone }: { loan: Loan; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<PaymentValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (values: PaymentValues) => {
    setSaving(true);
    setFormError(null);
    try {
      await api<Loan>(`/loans/${loan.id}/repayments`, {
        body: {
          amountFen: yuanToFen(values.amountFen) ?? values.amountFen,
          reference: values.reference,
          ...(values.paidOn ? { paidOn: values.paidOn.format('YYYY-MM-DD') } : {}),
        },
      });
      form.resetFields();
      void message.success(t('lender.loan.repaymentRecorded'));
      onDone();
    } catch (error) {
      setFormError(showFieldErrors(form, error, ['amountFen', 'reference', 'paidOn']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<PaymentValues>
      form={form}
      layout="vertical"
      onFinish={(v) => void submit(v)}
      data-testid="loan-repayment-form"
    >
      <FormError message={formError} />
      <Form.Item name="amountFen" label={t('lender.loan.amountYuan')} rules={[{ required: true }]}>
        <Input inputMode="decimal" data-testid="repayment-amount" />
      </Form.Item>
      <Form.Item
        name="reference"
        label={t('lender.loan.bankReference')}
        rules={[{ required: true }]}
      >
        <Input maxLength={64} data-testid="repayment-reference" />
      </Form.Item>
      <Form.Item name="paidOn" label={t('lender.loan.paidOn')}>
        <DatePicker />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} data-testid="repayment-submit">
        {t('lender.loan.recordRepayment')}
      </Button>
    </Form>
  );
}

function SettlementCard({ loan, onDone }: { loan: Loan; onDone: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  // No day chosen: the API quotes for today on the platform's (China) calendar.
  const [date, setDate] = useState<Dayjs | null>(null);
  const [reference, setReference] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const quote = useApi<SettlementQuote>(
    `/loans/${loan.id}/early-settlement${date ? `?date=${date.format('YYYY-MM-DD')}` : ''}`,
  );
  const settle = async (amountDueFen: string, day: string) => {
    setSaving(true);
    setProblem(null);
    try {
      await api<Loan>(`/loans/${loan.id}/early-settlement`, {
        body: { amountFen: amountDueFen, reference, paidOn: day },
      });
      void message.success(t('lender.loan.settled'));
      onDone();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card
      title={t('lender.loan.earlySettlement')}
      style={{ marginBottom: 16 }}
      data-testid="loan-settlement"
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('lender.loan.settleOn')}</span>
        <DatePicker value={date} onChange={(d) => setDate(d)} />
      </Space>
      <PageState loaded={quote} isEmpty={() => false}>
        {(q) => (
          <>
            <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
              <Descriptions.Item label={t('lender.loan.principal')}>
                {formatFen(q.principalFen)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loan.dueInterest')}>
                {formatFen(q.dueInterestFen)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loan.accruedInterest')}>
                {formatFen(q.accruedInterestFen)} ({t('lender.loan.days', { days: q.accrualDays })})
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loan.paidAhead')}>
                {formatFen(q.paidAheadFen)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loan.amountDue')}>
                <Typography.Text strong data-testid="settlement-amount">
                  {formatFen(q.amountDueFen)}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loan.quoteDate')}>
                {formatDate(q.date, locale)}
              </Descriptions.Item>
            </Descriptions>
            <FormError message={problem} />
            <Space wrap>
              <Input
                placeholder={t('lender.loan.bankReference')}
                value={reference}
                onChange={(e) => setReference(e.target.value)}
                maxLength={64}
                data-testid="settlement-reference"
              />
              <Button
                type="primary"
                disabled={reference.trim() === ''}
                loading={saving}
                onClick={() => void settle(q.amountDueFen, q.date)}
                data-testid="settlement-submit"
              >
                {t('lender.loan.recordSettlement')}
              </Button>
            </Space>
          </>
        )}
      </PageState>
    </Card>
  );
}

export function LoanPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const loan = useApi<Loan>(`/loans/${id}`);
  return (
    <PageState loaded={loan} isEmpty={() => false}>
      {(l) => (
        <>
          <Typography.Title level={3}>
            {t('lender.loan.title', { id: l.id.slice(0, 8) })}{' '}
            <Tag>{enumLabel(t, 'loanStatus', l.status)}</Tag>
          </Typography.Title>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
              <Descriptions.Item label={t('lender.loans.principal')}>
                {formatFen(l.principalFen)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.app.rate')}>
                {formatBp(l.annualRateBp)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.app.term')}>
                {t('lender.months', { months: l.termMonths })}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.app.method')}>
                {enumLabel(t, 'repayment', l.repaymentMethod)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loans.disbursedOn')}>
                {formatDate(l.disbursedOn, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loan.closedOn')}>
                {formatDate(l.closedOn, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loans.outstanding')}>
                <span data-testid="loan-outstanding">{formatFen(l.outstandingFen)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loans.overdueAmount')}>
                {formatFen(l.overdueFen)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loans.daysPastDue')}>
                {l.daysPastDue} <BucketTag t={t} bucket={l.bucket} />
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loan.scheduleVersion')}>
                <span data-testid="loan-schedule-version">v{l.scheduleVersion}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.loan.asOf')}>
                {formatDate(l.asOf, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.reviews.application')}>
                <Link to={`/lender/applications/${l.applicationId}`}>
                  {l.applicationId.slice(0, 8)}
                </Link>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card
            title={t('lender.loan.schedule', { version: l.scheduleVersion })}
            style={{ marginBottom: 16 }}
          >
            <Table<Instalment>
              rowKey="number"
              size="small"
              data-testid="loan-schedule"
              dataSource={[...l.schedule]}
              scroll={{ x: 'max-content' }}
              pagination={false}
              columns={[
                ...scheduleColumns(t, locale),
                {
                  title: t('lender.loan.total'),
                  dataIndex: 'totalFen',
                  render: (f: string) => formatFen(f),
                },
                {
                  title: t('lender.loan.stillOwed'),
                  dataIndex: 'outstandingFen',
                  render: (f: string, row) =>
                    row.daysPastDue > 0 ? (
                      <Typography.Text type="danger">{formatFen(f)}</Typography.Text>
                    ) : (
                      formatFen(f)
                    ),
                },
                {
                  title: t('lender.loan.settledOn'),
                  dataIndex: 'settledOn',
                  render: (d: string | null) => formatDate(d, locale),
                },
                { title: t('lender.loans.daysPastDue'), dataIndex: 'daysPastDue' },
              ]}
            />
          </Card>
          <EarlierSchedules loan={l} />
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card title={t('lender.loan.repayments')} style={{ marginBottom: 16 }}>
                <Table
                  rowKey="reference"
                  size="small"
                  data-testid="loan-repayments"
                  dataSource={[...l.repayments]}
                  scroll={{ x: 'max-content' }}
                  pagination={false}
                  locale={{ emptyText: t('lender.loan.noRepayments') }}
                  columns={[
                    {
                      title: t('lender.loan.paidOn'),
                      dataIndex: 'paidOn',
                      render: (d: string) => formatDate(d, locale),
                    },
                    {
                      title: t('lender.loan.amount'),
                      dataIndex: 'amountFen',
                      render: (f: string) => formatFen(f),
                    },
                    {
                      title: t('lender.loan.kind'),
                      dataIndex: 'kind',
                      render: (k: string) => enumLabel(t, 'repaymentKind', k),
                    },
                    { title: t('lender.loan.bankReference'), dataIndex: 'reference' },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              {l.status === 'active' ? (
                <Card title={t('lender.loan.recordRepayment')} style={{ marginBottom: 16 }}>
                  <RepaymentForm loan={l} onDone={loan.reload} />
                </Card>
              ) : null}
            </Col>
          </Row>
          {/* Quoted again after every payment: the quote depends on what was paid. */}
          {l.status === 'active' ? (
            <SettlementCard key={l.repayments.length} loan={l} onDone={loan.reload} />
          ) : null}
        </>
      )}
    </PageState>
  );
}
