import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n, type Translate } from '../app/i18n';
import type { Locale } from '../i18n/catalogue';
import { formatDateTime } from '../shared/format';
import { formatBp, formatFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { enumLabel } from './labels';
import { GRADES, type Product } from './types';

/** Products by code, each with every published version, newest first. */
function byCode(products: readonly Product[]): Product[][] {
  const groups = new Map<string, Product[]>();
  for (const product of products) {
    groups.set(product.code, [...(groups.get(product.code) ?? []), product]);
  }
  return [...groups.values()].map((versions) => versions.sort((a, b) => b.version - a.version));
}

function rates(product: Product) {
  return GRADES.filter((grade) => product.rateBpByGrade[grade] !== undefined)
    .map((grade) => `${grade} ${formatBp(product.rateBpByGrade[grade])}`)
    .join(' · ');
}

function ProductVersionDetail({ product, t }: { product: Product; t: Translate }) {
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
      <Descriptions.Item label={t('lender.product.loanType')}>
        {enumLabel(t, 'loanType', product.loanType)}
      </Descriptions.Item>
      <Descriptions.Item label={t('lender.product.repaymentMethods')}>
        {product.repaymentMethods.map((m) => enumLabel(t, 'repayment', m)).join('、')}
      </Descriptions.Item>
      <Descriptions.Item label={t('lender.product.cutOffs')}>
        {t('lender.product.cutOffsValue', {
          approve: product.approveFromScore,
          decline: product.declineBelowScore,
        })}
      </Descriptions.Item>
      <Descriptions.Item label={t('lender.product.requiredCategories')}>
        {product.requiredCategories.map((c) => enumLabel(t, 'category', c)).join('、') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('lender.product.requiredChecks')}>
        {product.requiredChecks.map((c) => enumLabel(t, 'check', c)).join('、') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('lender.product.continuousMonths')}>
        {product.requiredContinuousMonths}
      </Descriptions.Item>
      <Descriptions.Item label={t('lender.product.secondReviewAbove')}>
        {formatFen(product.secondReviewAboveFen)}
      </Descriptions.Item>
      <Descriptions.Item label={t('lender.product.ruleVersion')}>
        <Typography.Text code copyable>
          {product.ruleVersionId.slice(0, 8)}
        </Typography.Text>
      </Descriptions.Item>
    </Descriptions>
  );
}

function ProductCard({ versions, locale }: { versions: Product[]; locale: Locale }) {
  const { t } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const latest = versions[0] as Product;
  return (
    <Card
      title={
        <Space wrap>
          <span>{latest.name}</span>
          <Tag>{latest.code}</Tag>
        </Space>
      }
      extra={
        user.role === 'lender_admin' ? (
          <Button
            data-testid={`products-new-version-${latest.code}`}
            onClick={() => void navigate(`/lender/products/new?from=${latest.id}`)}
          >
            {t('lender.products.newVersion')}
          </Button>
        ) : null
      }
      style={{ marginBottom: 16 }}
      data-testid={`products-card-${latest.code}`}
    >
      <Table<Product>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={versions}
        expandable={{
          defaultExpandedRowKeys: [latest.id],
          expandedRowRender: (product) => <ProductVersionDetail product={product} t={t} />,
        }}
        columns={[
          {
            title: t('lender.product.version'),
            dataIndex: 'version',
            render: (version: number, product) => (
              <Space>
                <span>v{version}</span>
                {product.id === latest.id ? (
                  <Tag color="green">{t('lender.products.current')}</Tag>
                ) : null}
              </Space>
            ),
          },
          { title: t('lender.product.name'), dataIndex: 'name' },
          {
            title: t('lender.product.amounts'),
            render: (_, p) => `${formatFen(p.minAmountFen)} – ${formatFen(p.maxAmountFen)}`,
          },
          {
            title: t('lender.product.terms'),
            render: (_, p) =>
              t('lender.product.termsValue', { min: p.minTermMonths, max: p.maxTermMonths }),
          },
          { title: t('lender.product.rates'), render: (_, p) => rates(p) },
          {
            title: t('lender.product.publishedAt'),
            dataIndex: 'publishedAt',
            render: (at: string) => formatDateTime(at, locale),
          },
        ]}
      />
    </Card>
  );
}

export function ProductsPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const products = useApi<Product[]>('/loans/products');
  const mine = useMemo(
    () =>
      products.data
        ? {
            ...products,
            data: products.data.filter((p) => p.organisationId === user.organisationId),
          }
        : products,
    [products, user.organisationId],
  );
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('lender.products.title')}
        </Typography.Title>
        {user.role === 'lender_admin' ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="products-new"
            onClick={() => void navigate('/lender/products/new')}
          >
            {t('lender.products.new')}
          </Button>
        ) : null}
      </Space>
      <PageState
        loaded={mine}
        empty={<Empty description={t('lender.products.empty')} data-testid="empty" />}
      >
        {(data) => (
          <div data-testid="products-list">
            {byCode(data).map((versions) => (
              <ProductCard key={versions[0]?.code} versions={versions} locale={locale} />
            ))}
          </div>
        )}
      </PageState>
    </>
  );
}
