import { Alert, App, Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDate, formatDateTime } from '../shared/format';
import { formatBp, formatFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { useLabel } from './labels';
import type { Application, Loan } from '../api/loans';

/** The standing offer, accepted with one click while the application is `offered`. */
export function OfferCard({
  application,
  onChange,
}: {
  application: Application;
  onChange: () => void;
}) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const offer = application.offers.at(-1);
  if (!offer) return null;
  const accept = async () => {
    setBusy(true);
    try {
      await api(`/loans/applications/${application.id}/accept`, { method: 'POST' });
      void message.success(t('borrower.application.accepted'));
      onChange();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('borrower.application.offers')} data-testid="application-offer">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 2 }}
        items={[
          {
            key: 'amount',
            label: t('borrower.application.limit'),
            children: formatFen(offer.amountFen),
          },
          {
            key: 'rate',
            label: t('borrower.application.rate'),
            children: formatBp(offer.annualRateBp),
          },
          {
            key: 'term',
            label: t('borrower.applications.term'),
            children: t('borrower.applications.months', { months: offer.termMonths }),
          },
          {
            key: 'method',
            label: t('borrower.application.method'),
            children: label('borrower.method', offer.repaymentMethod),
          },
        ]}
      />
      {application.status === 'offered' && (
        <Space wrap>
          <Button
            type="primary"
            loading={busy}
            onClick={() => void accept()}
            data-testid="offer-accept"
          >
            {t('borrower.application.accept')}
          </Button>
          <Typography.Text type="secondary">
            {t('borrower.application.offerExpires', {
              date: formatDateTime(offer.expiresAt, locale),
            })}
          </Typography.Text>
        </Space>
      )}
    </Card>
  );
}

/** SHA-256 of the text as read, so the borrower signs what they saw (null without Web Crypto). */
function useSha256(text: string | undefined): string | null {
  const [hash, setHash] = useState<string | null>(null);
  useEffect(() => {
    if (text === undefined || !globalThis.crypto?.subtle) return;
    let live = true;
    void crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then((digest) => {
      if (live) {
        setHash([...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join(''));
      }
    });
    return () => {
      live = false;
    };
  }, [text]);
  return hash;
}

/** The contract's full text and SHA-256, confirmed by naming that hash. */
export function ContractCard({
  application,
  onChange,
}: {
  application: Application;
  onChange: () => void;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const contract = application.contract;
  const text = useApi<string>(
    contract ? `/archive/documents/${contract.documentId}/content` : null,
  );
  const readHash = useSha256(text.data);
  const [busy, setBusy] = useState(false);
  if (!contract) return null;
  const matches = readHash === null || readHash === contract.documentSha256.toLowerCase();
  const confirm = async () => {
    setBusy(true);
    try {
      await api(`/loans/applications/${application.id}/contract/confirm`, {
        body: { documentSha256: readHash ?? contract.documentSha256 },
      });
      onChange();
    } catch (error) {
      void message.error(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('borrower.application.contract')} data-testid="application-contract">
      <PageState loaded={text}>
        {(body) => (
          <pre
            data-testid="contract-text"
            style={{
              whiteSpace: 'pre-wrap',
              maxHeight: 360,
              overflow: 'auto',
              background: '#fafafa',
              border: '1px solid #f0f0f0',
              padding: 12,
              fontSize: 13,
            }}
          >
            {body}
          </pre>
        )}
      </PageState>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'sha',
            label: t('borrower.application.sha256'),
            children: (
              <Space wrap>
                <Typography.Text
                  code
                  copyable
                  data-testid="contract-sha256"
                  style={{ wordBreak: 'break-all' }}
                >
                  {contract.documentSha256}
                </Typography.Text>
                {readHash !== null && (
                  <Tag color={matches ? 'green' : 'red'} data-testid="contract-hash-check">
                    {matches
                      ? t('borrower.application.hashMatches')
                      : t('borrower.application.hashDiffers')}
                  </Tag>
                )}
              </Space>
            ),
          },
        ]}
      />
      {contract.confirmedAt ? (
        <Alert
          type="success"
          showIcon
          data-testid="contract-confirmed"
          title={t('borrower.application.confirmed', {
            time: formatDateTime(contract.confirmedAt, locale),
          })}
        />
      ) : (
        <Space orientation="vertical" size="small">
          <Typography.Text type="secondary">
            {t('borrower.application.contractHelp')}
          </Typography.Text>
          <Button
            type="primary"
            loading={busy}
            disabled={text.data === undefined || !matches || application.status !== 'accepted'}
            onClick={() => void confirm()}
            data-testid="contract-confirm"
          >
            {t('borrower.application.confirm')}
          </Button>
        </Space>
      )}
    </Card>
  );
}

/** After disbursement: the loan, what is owed, and the repayment schedule. */
export function LoanCard({ loanId }: { loanId: string }) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const loaded = useApi<Loan>(`/loans/${loanId}`);
  return (
    <Card title={t('borrower.application.loan')} data-testid="application-loan">
      <PageState loaded={loaded}>
        {(loan) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
              items={[
                {
                  key: 'status',
                  label: t('common.status'),
                  children: <Tag>{label('borrower.application.loanStatus', loan.status)}</Tag>,
                },
                {
                  key: 'disbursed',
                  label: t('borrower.application.disbursedOn'),
                  children: formatDate(loan.disbursedOn, locale),
                },
                {
                  key: 'principal',
                  label: t('borrower.schedule.principal'),
                  children: formatFen(loan.principalFen),
                },
                {
                  key: 'outstanding',
                  label: t('borrower.application.outstanding'),
                  children: formatFen(loan.outstandingFen),
                },
                {
                  key: 'overdue',
                  label: t('borrower.application.overdue'),
                  children: formatFen(loan.overdueFen),
                },
                {
                  key: 'dpd',
                  label: t('borrower.application.daysPastDue'),
                  children: loan.daysPastDue,
                },
              ]}
            />
            <Table
              rowKey="number"
              size="small"
              dataSource={loan.schedule}
              pagination={false}
              scroll={{ x: 'max-content' }}
              data-testid="loan-schedule"
              columns={[
                { key: 'n', title: t('borrower.schedule.number'), dataIndex: 'number' },
                {
                  key: 'due',
                  title: t('borrower.schedule.dueDate'),
                  render: (_, row) => formatDate(row.dueDate, locale),
                },
                {
                  key: 'principal',
                  title: t('borrower.schedule.principal'),
                  render: (_, row) => formatFen(row.principalFen),
                },
                {
                  key: 'interest',
                  title: t('borrower.schedule.interest'),
                  render: (_, row) => formatFen(row.interestFen),
                },
                {
                  key: 'total',
                  title: t('borrower.schedule.total'),
                  render: (_, row) => formatFen(row.totalFen),
                },
                {
                  key: 'outstanding',
                  title: t('borrower.schedule.outstanding'),
                  render: (_, row) => formatFen(row.outstandingFen),
                },
                {
                  key: 'settled',
                  title: t('borrower.schedule.settledOn'),
                  render: (_, row) => formatDate(row.settledOn, locale),
                },
              ]}
            />
          </Space>
        )}
      </PageState>
    </Card>
  );
}
