import { App, Button, Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../api/client';
import { useAuth } from '../app/auth';
import { useI18n } from '../app/i18n';
import { CenteredCard } from '../app/Login';
import { showFieldErrors } from '../shared/form-errors';
import { useIntentionKey } from '../api/intention-key';
import { useLabel } from './labels';
import { FormError } from '../shared/FormError';

const INDUSTRIES = [
  'manufacturing',
  'services',
  'technology',
  'trade',
  'catering',
  'construction',
  'agriculture',
  'logistics',
  'other',
] as const;

interface Registration {
  subjectKind: 'enterprise' | 'person';
  uscc?: string;
  industry?: string;
  idNumber?: string;
  name: string;
  phone?: string;
  login: string;
  password: string;
}

const FIELDS = ['uscc', 'industry', 'idNumber', 'name', 'phone', 'login', 'password'];

/** Self-registration of an enterprise (USCC) or a person (resident ID), then sign-in. */
export function RegisterPage() {
  const { t } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Registration>();
  const kind = Form.useWatch('subjectKind', form) ?? 'enterprise';
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { key, settle } = useIntentionKey();

  const required = (field: string) => [
    { required: true, message: t('borrower.register.required', { field }) },
  ];

  const submit = async (values: Registration) => {
    setBusy(true);
    setProblem(null);
    const body =
      values.subjectKind === 'enterprise'
        ? {
            subjectKind: 'enterprise',
            uscc: values.uscc?.trim(),
            name: values.name.trim(),
            industry: values.industry,
            login: values.login.trim(),
            password: values.password,
          }
        : {
            subjectKind: 'person',
            idNumber: values.idNumber?.trim(),
            name: values.name.trim(),
            phone: values.phone?.trim() || undefined,
            login: values.login.trim(),
            password: values.password,
          };
    try {
      await api('/auth/register', { body, idempotencyKey: key });
      settle();
      await signIn(body.login, values.password);
      void message.success(t('borrower.register.done'));
      await navigate('/borrower/profile');
    } catch (error) {
      settle(error);
      setProblem(showFieldErrors(form, error, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CenteredCard width={520}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('borrower.register.title')}
      </Typography.Title>
      <FormError message={problem} />
      <Form<Registration>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ subjectKind: 'enterprise', industry: 'manufacturing' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="subjectKind" label={t('borrower.register.kind')}>
          <Radio.Group optionType="button" buttonStyle="solid">
            <Radio.Button value="enterprise">
              <span data-testid="register-kind-enterprise">
                {t('borrower.register.enterprise')}
              </span>
            </Radio.Button>
            <Radio.Button value="person">
              <span data-testid="register-kind-person">{t('borrower.register.person')}</span>
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        {kind === 'enterprise' ? (
          <>
            <Form.Item
              name="uscc"
              label={t('borrower.register.uscc')}
              rules={required(t('borrower.register.uscc'))}
            >
              <Input maxLength={40} data-testid="register-uscc" />
            </Form.Item>
            <Form.Item
              name="name"
              label={t('borrower.register.enterpriseName')}
              rules={required(t('borrower.register.enterpriseName'))}
            >
              <Input maxLength={200} data-testid="register-name" />
            </Form.Item>
            <Form.Item name="industry" label={t('borrower.register.industry')}>
              <Select
                data-testid="register-industry"
                options={INDUSTRIES.map((value) => ({
                  value,
                  label: label('borrower.industry', value),
                }))}
              />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item
              name="idNumber"
              label={t('borrower.register.idNumber')}
              rules={required(t('borrower.register.idNumber'))}
            >
              <Input maxLength={40} autoComplete="off" data-testid="register-id-number" />
            </Form.Item>
            <Form.Item
              name="name"
              label={t('borrower.register.personName')}
              rules={required(t('borrower.register.personName'))}
            >
              <Input maxLength={200} data-testid="register-name" />
            </Form.Item>
            <Form.Item name="phone" label={t('borrower.register.phone')}>
              <Input maxLength={11} inputMode="tel" data-testid="register-phone" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="login"
          label={t('borrower.register.login')}
          extra={t('borrower.register.loginHelp')}
          rules={required(t('borrower.register.login'))}
        >
          <Input autoComplete="username" data-testid="register-login" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('borrower.register.password')}
          rules={required(t('borrower.register.password'))}
        >
          <Input.Password autoComplete="new-password" data-testid="register-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="register-submit">
          {t('borrower.register.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/login">{t('borrower.register.haveAccount')}</Link>
      </div>
    </CenteredCard>
  );
}
