import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { showFieldErrors } from '../shared/form-errors';
import { useAuth } from './auth';
import { useI18n } from './i18n';
import { LanguageSelect } from './Shell';
import { portalOf } from './portals';

interface Credentials {
  login: string;
  password: string;
}

export function LoginPage() {
  const { t } = useI18n();
  const { signIn, expired } = useAuth();
  const navigate = useNavigate();
  const [form] = Form.useForm<Credentials>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ login, password }: Credentials) => {
    setBusy(true);
    setProblem(null);
    try {
      const user = await signIn(login, password);
      const portal = portalOf(user.role);
      await navigate(`/${portal.key}/${portal.home}`);
    } catch (error) {
      setProblem(showFieldErrors(form, error, ['login', 'password']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <CenteredCard>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('login.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
      {expired && (
        <Alert type="warning" showIcon message={t('error.session')} style={{ marginBottom: 16 }} />
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          message={problem}
          data-testid="form-error"
          style={{ marginBottom: 16 }}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        requiredMark={false}
      >
        <Form.Item
          name="login"
          label={t('login.login')}
          rules={[{ required: true, message: t('login.required', { field: t('login.login') }) }]}
        >
          <Input autoComplete="username" data-testid="login-field" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('login.required', { field: t('login.password') }) }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-field" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in">
          {t('login.submit')}
        </Button>
      </Form>
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/register">{t('login.register')}</Link>
      </div>
    </CenteredCard>
  );
}

/** The frame of the signed-out pages: a card in the middle, the language in the corner. */
export function CenteredCard({ children, width = 400 }: { children: ReactNode; width?: number }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', padding: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <LanguageSelect />
      </div>
      <Card style={{ maxWidth: width, margin: '6vh auto 0' }}>{children}</Card>
    </div>
  );
}
