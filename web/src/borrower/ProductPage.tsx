import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Typography,
  type FormInstance,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n } from '../app/i18n';
import { showFieldErrors } from '../shared/form-errors';
import { formatFen, yuanToFen } from '../shared/money';
import { PageState } from '../shared/PageState';
import { CheckList } from './CheckList';
import { expiryInDays, grantConsent, missingCategories } from './consent-api';
import { useIntentionKey } from '../api/intention-key';
import { useJoin, useLabel, useLocalText } from './labels';
import { ProductFacts } from './ProductsPage';
import type { Application } from '../api/loans';
import type { Consent, Organisation, Precheck, Product } from './types';
import { FormError } from '../shared/FormError';

/** The fields the form has, named as the API names them so its errors land on them. */
interface ApplyValues {
  amountFen: string;
  termMonths: number;
  repaymentMethod: string;
  statedEmployerUscc?: string;
  statedMonthlyIncomeFen?: string;
  statedCity?: string;
}

const STATED_FIELDS = ['statedEmployerUscc', 'statedMonthlyIncomeFen', 'statedCity'] as const;
const APPLY_FIELDS = ['amountFen', 'termMonths', 'repaymentMethod', ...STATED_FIELDS];

/** A person's employment checks read what the applicant states; an enterprise states nothing. */
const needsStatedFields = (product: Product, kind: string | undefined) =>
  kind === 'person' &&
  product.requiredChecks.some((c) => c === 'social_security' || c === 'housing_fund');

/** What the checks read from the form: stated fields only, money in fen. */
function statedOf(values: Partial<ApplyValues>) {
  const income = values.statedMonthlyIncomeFen?.trim();
  return {
    ...(values.statedEmployerUscc?.trim()
      ? { statedEmployerUscc: values.statedEmployerUscc.trim() }
      : {}),
    ...(income ? { statedMonthlyIncomeFen: yuanToFen(income) ?? income } : {}),
    ...(values.statedCity?.trim() ? { statedCity: values.statedCity.trim() } : {}),
  };
}

/** One product: its pre-check and the application form with the consent it needs. */
export function ProductPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const products = useApi<Product[]>('/loans/products');
  const organisations = useApi<Organisation[]>('/organisations');
  return (
    <PageState loaded={products}>
      {(list) => {
        const product = list.find((p) => p.id === id);
        if (!product) {
          return <Result status="404" title={t('borrower.apply.notFound')} />;
        }
        const lender = organisations.data?.find((o) => o.id === product.organisationId)?.name ?? '';
        return <ProductWorkspace product={product} lender={lender} />;
      }}
    </PageState>
  );
}

function ProductWorkspace({ product, lender }: { product: Product; lender: string }) {
  const { t } = useI18n();
  const user = useUser();
  const [form] = Form.useForm<ApplyValues>();
  const stated = needsStatedFields(product, user.subject?.kind);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('borrower.apply.title', { product: product.name })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card>
            <ProductFacts product={product} lender={lender} />
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <PrecheckCard product={product} form={form} stated={stated} />
            <ApplyCard product={product} lender={lender} form={form} stated={stated} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

function StatedFields() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('borrower.precheck.statedHint')}
      </Typography.Paragraph>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="statedEmployerUscc" label={t('borrower.stated.employerUscc')}>
            <Input maxLength={40} data-testid="apply-employer-uscc" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="statedMonthlyIncomeFen" label={t('borrower.stated.monthlyIncome')}>
            <Input inputMode="decimal" prefix="¥" data-testid="apply-income" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="statedCity"
            label={t('borrower.stated.city')}
            rules={[{ pattern: /^\d{6}$/, message: t('borrower.stated.cityInvalid') }]}
          >
            <Input maxLength={6} inputMode="numeric" data-testid="apply-city" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function PrecheckCard({
  product,
  form,
  stated,
}: {
  product: Product;
  form: FormInstance<ApplyValues>;
  stated: boolean;
}) {
  const { t } = useI18n();
  const text = useLocalText();
  const [params] = useSearchParams();
  const [result, setResult] = useState<Precheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const values = form.getFieldsValue(true) as Partial<ApplyValues>;
      const answer = await api<Precheck>('/loans/prechecks', {
        body: { productId: product.id, ...statedOf(values) },
      });
      setResult(answer);
      // A problem with a field the borrower typed is shown at that field too.
      const atFields = answer.checks
        .flatMap((check) => check.problems)
        .filter((p) => (STATED_FIELDS as readonly string[]).includes(p.field ?? ''));
      form.setFields(
        STATED_FIELDS.map((name) => ({
          name,
          errors: atFields.filter((p) => p.field === name).map((p) => text(p.message)),
        })),
      );
    } catch (error) {
      setProblem(showFieldErrors(form, error, [...STATED_FIELDS]));
    } finally {
      setBusy(false);
    }
  };

  // Opened from a product card's pre-check: run at once when nothing needs typing first.
  useEffect(() => {
    if (params.get('precheck') === '1' && !stated) void run();
    // Runs once on arrival; later runs are the button's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Card title={t('borrower.products.precheck')} data-testid="precheck">
      <Typography.Paragraph type="secondary">{t('borrower.precheck.intro')}</Typography.Paragraph>
      <FormError message={problem} gap={12} />
      <Button onClick={() => void run()} loading={busy} data-testid="precheck-run">
        {t('borrower.precheck.run')}
      </Button>
      {result && (
        <div style={{ marginTop: 16 }} data-testid="precheck-result" data-outcome={result.outcome}>
          <Alert
            style={{ marginBottom: 12 }}
            showIcon
            type={
              result.outcome === 'pass'
                ? 'success'
                : result.outcome === 'fail'
                  ? 'error'
                  : 'warning'
            }
            title={t(`borrower.precheck.${result.outcome}`)}
          />
          <CheckList checks={result.checks} />
        </div>
      )}
    </Card>
  );
}

function ApplyCard({
  product,
  lender,
  form,
  stated,
}: {
  product: Product;
  lender: string;
  form: FormInstance<ApplyValues>;
  stated: boolean;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const consents = useApi<Consent[]>('/consents?limit=200');
  const { key, settle } = useIntentionKey();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const missing = useMemo(
    () =>
      consents.data
        ? missingCategories(consents.data, product.organisationId, product.requiredCategories)
        : [],
    [consents.data, product],
  );

  const submit = async (values: ApplyValues) => {
    setProblem(null);
    const amountFen = yuanToFen(values.amountFen);
    if (amountFen === null || amountFen === '0') {
      form.setFields([{ name: 'amountFen', errors: [t('borrower.apply.amountInvalid')] }]);
      return;
    }
    setBusy(true);
    try {
      const application = await api<Application>('/loans/applications', {
        body: {
          productId: product.id,
          amountFen,
          termMonths: values.termMonths,
          repaymentMethod: values.repaymentMethod,
          ...(stated ? statedOf(values) : {}),
        },
        idempotencyKey: key,
      });
      settle();
      void message.success(t('borrower.apply.submitted'));
      await navigate(`/borrower/applications/${application.id}`);
    } catch (error) {
      settle(error);
      setProblem(showFieldErrors(form, error, APPLY_FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('borrower.products.apply')} data-testid="apply">
      <ConsentGate
        lender={lender}
        lenderId={product.organisationId}
        missing={missing}
        loaded={consents.data !== undefined}
        onGranted={consents.reload}
      />
      <FormError message={problem} gap={12} />
      <Form<ApplyValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          termMonths: product.minTermMonths,
          repaymentMethod: product.repaymentMethods[0],
        }}
        onFinish={(values) => void submit(values)}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="amountFen"
              label={t('borrower.apply.amount')}
              extra={t('borrower.apply.amountRange', {
                min: formatFen(product.minAmountFen),
                max: formatFen(product.maxAmountFen),
              })}
              rules={[{ required: true, message: t('borrower.apply.amountInvalid') }]}
            >
              <Input inputMode="decimal" prefix="¥" data-testid="apply-amount" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="termMonths"
              label={t('borrower.apply.term')}
              rules={[{ required: true }]}
            >
              <InputNumber
                min={product.minTermMonths}
                max={product.maxTermMonths}
                precision={0}
                style={{ width: '100%' }}
                data-testid="apply-term"
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="repaymentMethod" label={t('borrower.apply.method')}>
              <Select
                data-testid="apply-method"
                options={product.repaymentMethods.map((value) => ({
                  value,
                  label: label('borrower.method', value),
                }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {stated && <StatedFields />}
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          disabled={missing.length > 0}
          data-testid="apply-submit"
        >
          {t('borrower.apply.submit')}
        </Button>
      </Form>
    </Card>
  );
}

/** The consent an application needs, offered right here when it is missing. */
function ConsentGate({
  lender,
  lenderId,
  missing,
  loaded,
  onGranted,
}: {
  lender: string;
  lenderId: string;
  missing: readonly string[];
  loaded: boolean;
  onGranted: () => void;
}) {
  const { t } = useI18n();
  const label = useLabel();
  const join = useJoin();
  const { message } = App.useApp();
  const { key, settle } = useIntentionKey();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (!loaded) return null;
  if (missing.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid="apply-consent-ready"
        title={t('borrower.apply.consentReady', { lender })}
      />
    );
  }
  const grant = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await grantConsent(
        {
          granteeOrganisationId: lenderId,
          categories: missing,
          purpose: 'loan_application',
          expiresAt: expiryInDays(90),
        },
        key,
      );
      settle();
      void message.success(t('borrower.consents.granted'));
      onGranted();
    } catch (error) {
      settle(error);
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="apply-consent-missing"
      title={t('borrower.apply.consentMissing', {
        lender,
        categories: join(missing.map((c) => label('borrower.category', c))),
      })}
      description={
        <Space orientation="vertical" size={4}>
          <Typography.Text type="secondary">{t('borrower.apply.consentPurpose')}</Typography.Text>
          {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
          <Button
            type="primary"
            size="small"
            loading={busy}
            onClick={() => void grant()}
            data-testid="apply-grant-consent"
          >
            {t('borrower.apply.grantNow')}
          </Button>
        </Space>
      }
    />
  );
}
