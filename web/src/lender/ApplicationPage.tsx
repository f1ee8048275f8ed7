import { App, Button, Card, DatePicker, Form, Input, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/client';
import { useApi, type Loaded } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { showFieldErrors } from '../shared/form-errors';
import { PageState } from '../shared/PageState';
import { useIntentionKey } from '../api/intention-key';
import { ApplicantCard } from './ApplicantCard';
import { ApplicationEvidence } from './ApplicationEvidence';
import type { Application, Loan } from '../api/loans';
import type { Product } from './types';
import { FormError } from '../shared/FormError';

/** An application with its product version, loaded together. */
export function useApplication(
  id: string | null,
): Loaded<{ application: Application; product: Product | undefined }> {
  const application = useApi<Application>(id ? `/loans/applications/${id}` : null);
  const products = useApi<Product[]>('/loans/products');
  return useMemo(
    () => ({
      data:
        application.data && products.data
          ? {
              application: application.data,
              product: products.data.find((p) => p.id === application.data?.productId),
            }
          : undefined,
      error: application.error ?? products.error,
      loading: application.loading || products.loading,
      reload: () => {
        application.reload();
        products.reload();
      },
    }),
    [application, products],
  );
}

interface DisburseValues {
  reference: string;
  disbursedOn?: Dayjs | null;
}

/** Pays out a contracted loan; the bank's payment reference names the payout. */
function DisbursementCard({ application }: { application: Application }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<DisburseValues>();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { key, settle } = useIntentionKey();
  const submit = async (values: DisburseValues) => {
    setSaving(true);
    setFormError(null);
    try {
      const loan = await api<Loan>(`/loans/applications/${application.id}/disbursement`, {
        body: {
          reference: values.reference,
          ...(values.disbursedOn ? { disbursedOn: values.disbursedOn.format('YYYY-MM-DD') } : {}),
        },
        idempotencyKey: key,
      });
      settle();
      void message.success(t('lender.app.disbursed'));
      void navigate(`/lender/loans/${loan.id}`);
    } catch (error) {
      settle(error);
      setFormError(showFieldErrors(form, error, ['reference', 'disbursedOn']));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card
      title={t('lender.app.disburse')}
      style={{ marginBottom: 16 }}
      data-testid="application-disburse"
    >
      <FormError message={formError} />
      <Form<DisburseValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="reference"
          label={t('lender.app.payoutReference')}
          rules={[{ required: true }]}
        >
          <Input maxLength={64} data-testid="disburse-reference" />
        </Form.Item>
        <Form.Item
          name="disbursedOn"
          label={t('lender.app.disbursedOn')}
          extra={t('lender.app.disbursedOnHelp')}
        >
          <DatePicker />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="disburse-submit">
          {t('lender.app.disburseSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const loaded = useApplication(id);
  return (
    <PageState loaded={loaded} isEmpty={() => false}>
      {({ application, product }) => (
        <>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('lender.app.title', { id: application.id.slice(0, 8) })}
            </Typography.Title>
            {application.loanId ? (
              <Link to={`/lender/loans/${application.loanId}`} data-testid="application-loan-link">
                {t('lender.app.openLoan')}
              </Link>
            ) : null}
          </Space>
          <ApplicantCard application={application} />
          {application.status === 'contracted' ? (
            <DisbursementCard application={application} />
          ) : null}
          <ApplicationEvidence application={application} product={product} />
        </>
      )}
    </PageState>
  );
}
