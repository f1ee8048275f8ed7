import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDate } from '../shared/format';
import { formatBp, formatFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { BucketTag, enumLabel } from './labels';
import { BUCKETS, type Loan } from '../api/loans';

function Summary({ loans }: { loans: readonly Loan[] }) {
  const { t } = useI18n();
  const sum = (pick: (loan: Loan) => string) =>
    loans.reduce((total, loan) => total + BigInt(pick(loan)), 0n);
  const overdue = loans.filter((loan) => loan.daysPastDue > 0).length;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={12} md={6}>
        <Statistic title={t('lender.loans.count')} value={loans.length} />
      </Col>
      <Col xs={12} md={6}>
        <Statistic
          title={t('lender.loans.outstanding')}
          value={formatFen(sum((l) => l.outstandingFen))}
        />
      </Col>
      <Col xs={12} md={6}>
        <Statistic
          title={t('lender.loans.overdueAmount')}
          value={formatFen(sum((l) => l.overdueFen))}
        />
      </Col>
      <Col xs={12} md={6}>
        <Statistic title={t('lender.loans.overdueCount')} value={overdue} />
      </Col>
    </Row>
  );
}

export function LoansPage() {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<string | undefined>('active');
  const [bucket, setBucket] = useState<string | undefined>();
  const query = new URLSearchParams();
  if (status) query.set('status', status);
  if (bucket) query.set('bucket', bucket);
  const loans = useApi<Loan[]>(`/loans?${query.toString()}`);
  return (
    <>
      <Typography.Title level={3}>{t('lender.loans.title')}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>{t('common.status')}</span>
          <Select
            allowClear
            style={{ width: 140 }}
            value={status}
            onChange={setStatus}
            data-testid="loans-filter-status"
            options={['active', 'closed'].map((s) => ({
              value: s,
              label: enumLabel(t, 'loanStatus', s),
            }))}
          />
          <span>{t('lender.loans.bucket')}</span>
          <Select
            allowClear
            style={{ width: 140 }}
            value={bucket}
            onChange={setBucket}
            data-testid="loans-filter-bucket"
            options={BUCKETS.map((b) => ({ value: b, label: enumLabel(t, 'bucket', b) }))}
          />
        </Space>
      </Card>
      <Card>
        <PageState
          loaded={loans}
          empty={<Empty description={t('lender.loans.empty')} data-testid="empty" />}
        >
          {(data) => (
            <>
              <Summary loans={data} />
              <Table<Loan>
                rowKey="id"
                data-testid="loans-table"
                dataSource={data}
                scroll={{ x: 'max-content' }}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  {
                    title: t('lender.loans.loan'),
                    dataIndex: 'id',
                    render: (id: string) => (
                      <Link to={`/lender/loans/${id}`} data-testid="loans-open">
                        {id.slice(0, 8)}
                      </Link>
                    ),
                  },
                  {
                    title: t('lender.apps.applicantKind'),
                    dataIndex: 'applicantKind',
                    render: (k: string) => enumLabel(t, 'kind', k),
                  },
                  {
                    title: t('lender.loans.principal'),
                    dataIndex: 'principalFen',
                    render: (fen: string) => formatFen(fen),
                  },
                  {
                    title: t('lender.app.rate'),
                    dataIndex: 'annualRateBp',
                    render: (bp: number) => formatBp(bp),
                  },
                  {
                    title: t('lender.loans.disbursedOn'),
                    dataIndex: 'disbursedOn',
                    render: (d: string) => formatDate(d, locale),
                  },
                  {
                    title: t('lender.loans.outstanding'),
                    dataIndex: 'outstandingFen',
                    render: (fen: string) => formatFen(fen),
                  },
                  {
                    title: t('lender.loans.overdueAmount'),
                    dataIndex: 'overdueFen',
                    render: (fen: string) => formatFen(fen),
                  },
                  {
                    title: t('lender.loans.daysPastDue'),
                    dataIndex: 'daysPastDue',
                    sorter: (a, b) => a.daysPastDue - b.daysPastDue,
                    render: (days: number) =>
                      days > 0 ? <Typography.Text type="danger">{days}</Typography.Text> : 0,
                  },
                  {
                    title: t('lender.loans.bucket'),
                    dataIndex: 'bucket',
                    render: (b: string) => <BucketTag t={t} bucket={b} />,
                  },
                  {
                    title: t('common.status'),
                    dataIndex: 'status',
                    render: (s: string) => <Tag>{enumLabel(t, 'loanStatus', s)}</Tag>,
                  },
                ]}
              />
            </>
          )}
        </PageState>
      </Card>
    </>
  );
}
