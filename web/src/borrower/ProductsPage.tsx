import { Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatBp, formatFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { useJoin, useLabel } from './labels';
import type { Organisation, Product } from './types';

/** The published loan products as cards, each with its pre-check and application. */
export function ProductsPage() {
  const { t } = useI18n();
  const products = useApi<Product[]>('/loans/products');
  const organisations = useApi<Organisation[]>('/organisations');
  const names = useMemo(
    () => new Map((organisations.data ?? []).map((o) => [o.id, o.name])),
    [organisations.data],
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('borrower.products.title')}
      </Typography.Title>
      <PageState
        loaded={products}
        empty={<Typography.Text type="secondary">{t('borrower.products.empty')}</Typography.Text>}
      >
        {(list) => (
          <Row gutter={[16, 16]}>
            {list.map((product) => (
              <Col key={product.id} xs={24} md={12} xl={8}>
                <ProductCard product={product} lender={names.get(product.organisationId) ?? ''} />
              </Col>
            ))}
          </Row>
        )}
      </PageState>
    </Space>
  );
}

/** The grades a product lends to with their yearly rates: `A 4.20% · B 5.20%`. */
export function RatesByGrade({ rates }: { rates: Readonly<Record<string, number>> }) {
  return (
    <Space wrap size={[4, 4]}>
      {Object.entries(rates)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([grade, bp]) => (
          <Tag key={grade}>
            {grade} {formatBp(bp)}
          </Tag>
        ))}
    </Space>
  );
}

export function ProductFacts({ product, lender }: { product: Product; lender: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const join = useJoin();
  return (
    <Descriptions
      size="small"
      column={1}
      items={[
        { key: 'lender', label: t('borrower.products.lender'), children: lender },
        {
          key: 'amount',
          label: t('borrower.products.amount'),
          children: `${formatFen(product.minAmountFen)} – ${formatFen(product.maxAmountFen)}`,
        },
        {
          key: 'term',
          label: t('borrower.products.term'),
          children: t('borrower.products.termRange', {
            min: product.minTermMonths,
            max: product.maxTermMonths,
          }),
        },
        {
          key: 'rate',
          label: t('borrower.products.rate'),
          children: <RatesByGrade rates={product.rateBpByGrade} />,
        },
        {
          key: 'methods',
          label: t('borrower.products.methods'),
          children: join(product.repaymentMethods.map((m) => label('borrower.method', m))),
        },
        {
          key: 'categories',
          label: t('borrower.products.requiredCategories'),
          children: (
            <Space wrap size={[4, 4]}>
              {product.requiredCategories.map((c) => (
                <Tag key={c}>{label('borrower.category', c)}</Tag>
              ))}
            </Space>
          ),
        },
        {
          key: 'checks',
          label: t('borrower.products.requiredChecks'),
          children: (
            <Space wrap size={[4, 4]}>
              {product.requiredChecks.map((c) => (
                <Tag key={c} color="blue">
                  {label('borrower.check', c)}
                </Tag>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}

function ProductCard({ product, lender }: { product: Product; lender: string }) {
  const { t } = useI18n();
  const label = useLabel();
  const navigate = useNavigate();
  return (
    <Card
      data-testid="product-card"
      data-code={product.code}
      title={product.name}
      extra={<Tag color="red">{label('borrower.products.loanType', product.loanType)}</Tag>}
      actions={[
        <Button
          key="precheck"
          type="link"
          data-testid="product-precheck"
          onClick={() => void navigate(`/borrower/products/${product.id}?precheck=1`)}
        >
          {t('borrower.products.precheck')}
        </Button>,
        <Button
          key="apply"
          type="link"
          data-testid="product-apply"
          onClick={() => void navigate(`/borrower/products/${product.id}`)}
        >
          {t('borrower.products.apply')}
        </Button>,
      ]}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {product.code} · {t('borrower.products.version', { version: product.version })}
      </Typography.Text>
      <ProductFacts product={product} lender={lender} />
    </Card>
  );
}
