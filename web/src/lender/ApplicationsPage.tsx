import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Row,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { formatFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { enumLabel, OutcomeTag, StatusTag } from './labels';
import { OUTCOMES } from '../api/loans';
import { APPLICATION_STATUSES, type ApplicationListItem, type Product } from './types';

interface Filters {
  status?: string[];
  outcome?: string;
  productCode?: string;
  applicantKind?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const PAGE_SIZE = 20;

function queryOf(filters: Filters, page: number): string {
  const query = new URLSearchParams({
    limit: String(PAGE_SIZE),
    offset: String((page - 1) * PAGE_SIZE),
  });
  if (filters.status?.length) query.set('status', filters.status.join(','));
  if (filters.outcome) query.set('outcome', filters.outcome);
  if (filters.productCode) query.set('productCode', filters.productCode);
  if (filters.applicantKind) query.set('applicantKind', filters.applicantKind);
  const [from, to] = filters.range ?? [];
  if (from) query.set('from', from.startOf('day').toISOString());
  if (to) query.set('to', to.add(1, 'day').startOf('day').toISOString());
  return query.toString();
}

export function ApplicationsPage() {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const products = useApi<Product[]>('/loans/products');
  const list = useApi<{ total: number; items: ApplicationListItem[] }>(
    `/loans/applications?${queryOf(filters, page)}`,
  );
  const codes = [...new Set((products.data ?? []).map((p) => p.code))];
  const option = (group: string) => (value: string) => ({
    value,
    label: enumLabel(t, group, value),
  });

  return (
    <>
      <Typography.Title level={3}>{t('lender.apps.title')}</Typography.Title>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filters>
          form={form}
          layout="vertical"
          onFinish={(values) => {
            setPage(1);
            setFilters(values);
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={8} lg={6}>
              <Form.Item name="status" label={t('common.status')}>
                <Select
                  mode="multiple"
                  allowClear
                  options={APPLICATION_STATUSES.map(option('status'))}
                  data-testid="apps-filter-status"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8} lg={4}>
              <Form.Item name="outcome" label={t('lender.apps.outcome')}>
                <Select
                  allowClear
                  options={OUTCOMES.map(option('outcome'))}
                  data-testid="apps-filter-outcome"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8} lg={4}>
              <Form.Item name="productCode" label={t('lender.apps.product')}>
                <Select
                  allowClear
                  options={codes.map((code) => ({ value: code, label: code }))}
                  data-testid="apps-filter-product"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={8} lg={4}>
              <Form.Item name="applicantKind" label={t('lender.apps.applicantKind')}>
                <Select
                  allowClear
                  options={['enterprise', 'person'].map(option('kind'))}
                  data-testid="apps-filter-kind"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} lg={6}>
              <Form.Item name="range" label={t('lender.apps.dateRange')}>
                <DatePicker.RangePicker style={{ width: '100%' }} allowEmpty={[true, true]} />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" data-testid="apps-filter-apply">
            {t('common.search')}
          </Button>{' '}
          <Button
            onClick={() => {
              form.resetFields();
              setPage(1);
              setFilters({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Form>
      </Card>
      <Card>
        <PageState
          loaded={list}
          isEmpty={(data) => data.total === 0}
          empty={<Empty description={t('lender.apps.empty')} data-testid="empty" />}
        >
          {(data) => (
            <Table<ApplicationListItem>
              rowKey="id"
              data-testid="apps-table"
              dataSource={data.items}
              scroll={{ x: 'max-content' }}
              pagination={{
                current: page,
                pageSize: PAGE_SIZE,
                total: data.total,
                onChange: setPage,
                showTotal: (total) => t('lender.apps.total', { total }),
              }}
              columns={[
                {
                  title: t('lender.apps.applicant'),
                  render: (_, row) =>
                    row.applicantKind === 'enterprise' ? (
                      <Link to={`/lender/applications/${row.id}`} data-testid="apps-open">
                        {row.applicantName ?? row.applicantUscc ?? '—'}
                      </Link>
                    ) : (
                      <Link to={`/lender/applications/${row.id}`} data-testid="apps-open">
                        {t('lender.apps.person', { id: row.id.slice(0, 8) })}
                      </Link>
                    ),
                },
                {
                  title: t('lender.apps.product'),
                  render: (_, row) =>
                    `${row.productName} (${row.productCode} v${row.productVersion})`,
                },
                {
                  title: t('lender.apps.amount'),
                  dataIndex: 'amountFen',
                  render: (fen: string) => formatFen(fen),
                },
                {
                  title: t('lender.app.term'),
                  dataIndex: 'termMonths',
                  render: (months: number) => t('lender.months', { months }),
                },
                {
                  title: t('common.status'),
                  dataIndex: 'status',
                  render: (s: string) => <StatusTag t={t} status={s} />,
                },
                {
                  title: t('lender.apps.outcome'),
                  render: (_, row) => (
                    <>
                      <OutcomeTag t={t} outcome={row.outcome} />
                      {row.automated === false ? <Tag>{t('lender.app.byOfficer')}</Tag> : null}
                    </>
                  ),
                },
                {
                  title: t('common.createdAt'),
                  dataIndex: 'createdAt',
                  render: (at: string) => formatDateTime(at, locale),
                },
              ]}
            />
          )}
        </PageState>
      </Card>
    </>
  );
}
