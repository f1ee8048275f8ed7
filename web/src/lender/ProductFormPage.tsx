import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Typography,
  type FormRule,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n } from '../app/i18n';
import { showFieldErrors } from '../shared/form-errors';
import { yuanToFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { useIntentionKey } from '../api/intention-key';
import { enumLabel } from './labels';
import {
  CHECK_NAMES,
  GRADES,
  LOAN_TYPES,
  RECORD_CATEGORIES,
  REPAYMENT_METHODS,
  type Product,
  type RuleVersion,
} from './types';
import { FormError } from '../shared/FormError';

/** The form's values: amounts in yuan as typed, under the API's field names (errors land there). */
interface Values {
  code: string;
  name: string;
  loanType: string;
  minAmountFen: string;
  maxAmountFen: string;
  minTermMonths: number;
  maxTermMonths: number;
  repaymentMethods: string[];
  rateBpByGrade: Partial<Record<string, number | null>>;
  approveFromScore: number;
  declineBelowScore: number;
  requiredCategories: string[];
  requiredChecks: string[];
  requiredContinuousMonths: number;
  secondReviewAboveFen: string;
  ruleVersionId: string;
}

const FIELDS = [
  'code',
  'name',
  'loanType',
  'minAmountFen',
  'maxAmountFen',
  'minTermMonths',
  'maxTermMonths',
  'repaymentMethods',
  'rateBpByGrade',
  'approveFromScore',
  'declineBelowScore',
  'requiredCategories',
  'requiredChecks',
  'requiredContinuousMonths',
  'secondReviewAboveFen',
  'ruleVersionId',
];

/** A required number field of the product, full width; `whole` refuses decimals. */
function NumberItem(props: {
  name: keyof Values;
  label: string;
  min: number;
  max: number;
  whole?: boolean;
  testId: string;
}) {
  return (
    <Form.Item name={props.name} label={props.label} rules={[{ required: true }]}>
      <InputNumber
        min={props.min}
        max={props.max}
        {...(props.whole ? { precision: 0 } : {})}
        style={{ width: '100%' }}
        data-testid={props.testId}
      />
    </Form.Item>
  );
}

/** A required amount in yuan, as typed (`rule` refuses what is not an exact yuan amount). */
function YuanItem(props: {
  name: keyof Values;
  label: string;
  extra?: string;
  rule: FormRule;
  testId: string;
}) {
  return (
    <Form.Item
      name={props.name}
      label={props.label}
      rules={[{ required: true }, props.rule]}
      {...(props.extra === undefined ? {} : { extra: props.extra })}
    >
      <Input inputMode="decimal" data-testid={props.testId} />
    </Form.Item>
  );
}

const fenToYuan = (fen: string) => {
  const value = BigInt(fen);
  const cents = value % 100n;
  return cents === 0n
    ? (value / 100n).toString()
    : `${value / 100n}.${String(cents).padStart(2, '0')}`;
};

function initialValues(from: Product | undefined): Partial<Values> {
  if (!from) {
    return {
      loanType: 'working_capital',
      minTermMonths: 3,
      maxTermMonths: 12,
      repaymentMethods: ['equal_instalment'],
      approveFromScore: 650,
      declineBelowScore: 450,
      requiredCategories: [],
      requiredChecks: ['identity'],
      requiredContinuousMonths: 0,
      rateBpByGrade: {},
    };
  }
  return {
    ...from,
    minAmountFen: fenToYuan(from.minAmountFen),
    maxAmountFen: fenToYuan(from.maxAmountFen),
    secondReviewAboveFen: fenToYuan(from.secondReviewAboveFen),
  };
}

/** The request body; an amount that is not yuan with at most two decimals is sent as typed, for the API to refuse at its field. */
function toBody(values: Values) {
  const fen = (yuan: string) => yuanToFen(yuan ?? '') ?? yuan;
  return {
    ...values,
    minAmountFen: fen(values.minAmountFen),
    maxAmountFen: fen(values.maxAmountFen),
    secondReviewAboveFen: fen(values.secondReviewAboveFen),
    rateBpByGrade: Object.fromEntries(
      Object.entries(values.rateBpByGrade ?? {}).filter(
        (entry): entry is [string, number] => typeof entry[1] === 'number',
      ),
    ),
  };
}

function ProductForm({ from, rules }: { from: Product | undefined; rules: RuleVersion[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { key, settle } = useIntentionKey();
  const published = rules.filter((r) => r.status === 'published');
  const option = (group: string) => (value: string) => ({
    value,
    label: enumLabel(t, group, value),
  });

  const submit = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    try {
      const product = await api<Product>('/loans/products', {
        body: toBody(values),
        idempotencyKey: key,
      });
      settle();
      void message.success(t('lender.productForm.published', { version: product.version }));
      void navigate('/lender/products');
    } catch (error) {
      settle(error);
      setFormError(showFieldErrors(form, error, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  const yuanRule = {
    validator: (_: unknown, value: string | undefined) =>
      value && yuanToFen(value) === null
        ? Promise.reject(new Error(t('lender.productForm.badYuan')))
        : Promise.resolve(),
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={initialValues(from)}
      onFinish={(values) => void submit(values)}
      data-testid="product-form"
    >
      <FormError message={formError} />
      <Card title={t('lender.productForm.basics')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('lender.product.code')} rules={[{ required: true }]}>
              <Input data-testid="product-code" disabled={from !== undefined} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="name" label={t('lender.product.name')} rules={[{ required: true }]}>
              <Input data-testid="product-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="loanType"
              label={t('lender.product.loanType')}
              rules={[{ required: true }]}
            >
              <Select
                data-testid="product-loan-type"
                options={LOAN_TYPES.map(option('loanType'))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <YuanItem
              name="minAmountFen"
              label={t('lender.productForm.minAmountYuan')}
              rule={yuanRule}
              testId="product-min-amount"
            />
          </Col>
          <Col xs={24} md={8}>
            <YuanItem
              name="maxAmountFen"
              label={t('lender.productForm.maxAmountYuan')}
              rule={yuanRule}
              testId="product-max-amount"
            />
          </Col>
          <Col xs={24} md={8}>
            <YuanItem
              name="secondReviewAboveFen"
              label={t('lender.productForm.secondReviewAboveYuan')}
              extra={t('lender.productForm.secondReviewHelp')}
              rule={yuanRule}
              testId="product-second-review"
            />
          </Col>
          <Col xs={12} md={8}>
            <NumberItem
              name="minTermMonths"
              label={t('lender.productForm.minTerm')}
              min={1}
              max={360}
              testId="product-min-term"
            />
          </Col>
          <Col xs={12} md={8}>
            <NumberItem
              name="maxTermMonths"
              label={t('lender.productForm.maxTerm')}
              min={1}
              max={360}
              testId="product-max-term"
            />
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="repaymentMethods"
              label={t('lender.product.repaymentMethods')}
              rules={[{ required: true }]}
            >
              <Checkbox.Group options={REPAYMENT_METHODS.map(option('repayment'))} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={t('lender.productForm.pricing')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">
          {t('lender.productForm.ratesHelp')}
        </Typography.Paragraph>
        <Row gutter={16}>
          {GRADES.map((grade) => (
            <Col xs={12} sm={8} md={4} key={grade}>
              <Form.Item
                name={['rateBpByGrade', grade]}
                label={t('lender.productForm.rateOf', { grade })}
              >
                <InputNumber
                  min={0}
                  max={10000}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid={`product-rate-${grade}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={8}>
            <NumberItem
              name="approveFromScore"
              label={t('lender.productForm.approveFromScore')}
              min={0}
              max={2000}
              whole
              testId="product-approve-from"
            />
          </Col>
          <Col xs={12} md={8}>
            <NumberItem
              name="declineBelowScore"
              label={t('lender.productForm.declineBelowScore')}
              min={0}
              max={2000}
              whole
              testId="product-decline-below"
            />
          </Col>
        </Row>
      </Card>
      <Card title={t('lender.productForm.policy')} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="requiredCategories" label={t('lender.product.requiredCategories')}>
              <Select
                mode="multiple"
                options={RECORD_CATEGORIES.map(option('category'))}
                data-testid="product-categories"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="requiredChecks" label={t('lender.product.requiredChecks')}>
              <Select
                mode="multiple"
                options={CHECK_NAMES.map(option('check'))}
                data-testid="product-checks"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <NumberItem
              name="requiredContinuousMonths"
              label={t('lender.product.continuousMonths')}
              min={0}
              max={120}
              whole
              testId="product-months"
            />
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="ruleVersionId"
              label={t('lender.product.ruleVersion')}
              rules={[{ required: true }]}
            >
              <Select
                data-testid="product-rule-version"
                notFoundContent={t('lender.productForm.noPublishedRules')}
                options={published.map((r) => ({
                  value: r.id,
                  label: `${r.name} v${r.version}`,
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="product-submit">
          {t('lender.productForm.submit')}
        </Button>
        <Button onClick={() => void navigate('/lender/products')}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

export function ProductFormPage() {
  const { t } = useI18n();
  const user = useUser();
  const [params] = useSearchParams();
  const fromId = params.get('from');
  const products = useApi<Product[]>(fromId ? '/loans/products' : null);
  const rules = useApi<RuleVersion[]>('/rules/versions');
  const loaded = useMemo(() => {
    const waiting = fromId !== null && products.data === undefined;
    return {
      data:
        waiting || !rules.data
          ? undefined
          : { rules: rules.data, from: products.data?.find((p) => p.id === fromId) },
      error: rules.error ?? products.error,
      loading: rules.loading || products.loading,
      reload: () => {
        rules.reload();
        products.reload();
      },
    };
  }, [fromId, products, rules]);
  if (user.role !== 'lender_admin') return <Result status="403" title={t('state.forbidden')} />;
  return (
    <>
      <Typography.Title level={3}>
        {fromId ? t('lender.productForm.titleVersion') : t('lender.productForm.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('lender.productForm.immutable')}
      </Typography.Paragraph>
      <PageState loaded={loaded} isEmpty={() => false}>
        {(data) => <ProductForm from={data.from} rules={data.rules} />}
      </PageState>
    </>
  );
}
