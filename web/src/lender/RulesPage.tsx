import { InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, download, type FieldProblem } from '../api/client';
import { useApi } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { showFieldErrors } from '../shared/form-errors';
import { PageState } from '../shared/PageState';
import { useIntentionKey } from '../api/intention-key';
import type { RuleVersion } from './types';

/** Downloads a version's JDM exactly as it was uploaded. */
export function exportJdm(version: RuleVersion) {
  return download(`/rules/versions/${version.id}/jdm`, `${version.name}-v${version.version}.json`);
}

/** Publishes a draft (lender admin); the caller reloads. */
export function PublishButton({ version, onDone }: { version: RuleVersion; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const publish = async () => {
    try {
      await api(`/rules/versions/${version.id}/publish`, { method: 'POST' });
      void message.success(t('lender.rules.publishedOk', { version: version.version }));
      onDone();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    }
  };
  return (
    <Popconfirm
      title={t('lender.rules.publishConfirm')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onConfirm={() => void publish()}
      okButtonProps={{ 'data-testid': 'rules-publish-confirm' }}
    >
      <Button size="small" type="primary" data-testid={`rules-publish-${version.id}`}>
        {t('lender.rules.publish')}
      </Button>
    </Popconfirm>
  );
}

interface ImportValues {
  name: string;
}

/** Upload of a JDM file as a new draft; JDM problems listed by where they are. */
function ImportCard({ onImported }: { onImported: (version: RuleVersion) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ImportValues>();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [problems, setProblems] = useState<readonly FieldProblem[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { key, settle } = useIntentionKey();

  const submit = async ({ name }: ImportValues) => {
    setProblems([]);
    setFormError(null);
    if (!file) {
      setFileError(t('lender.rules.fileRequired'));
      return;
    }
    let jdm: unknown;
    try {
      jdm = JSON.parse(file.text);
    } catch {
      setFileError(t('lender.rules.notJson'));
      return;
    }
    setSaving(true);
    try {
      const version = await api<RuleVersion>('/rules/versions', {
        body: { name, jdm },
        idempotencyKey: key,
      });
      settle();
      form.resetFields();
      setFile(null);
      onImported(version);
    } catch (error) {
      settle(error);
      const jdmProblems =
        error instanceof ApiError ? error.fields.filter((f) => f.path.startsWith('/body/jdm')) : [];
      setProblems(jdmProblems);
      const rest = showFieldErrors(form, error, ['name']);
      setFormError(jdmProblems.length > 0 ? t('lender.rules.jdmInvalid') : rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('lender.rules.import')} style={{ marginBottom: 16 }}>
      <Form<ImportValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {formError ? (
          <Alert
            type="error"
            showIcon
            title={formError}
            style={{ marginBottom: 16 }}
            data-testid="form-error"
            description={
              problems.length > 0 ? (
                <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="rules-jdm-problems">
                  {problems.map((p) => (
                    <li key={`${p.path}-${p.code}`}>
                      <Typography.Text code>
                        {p.path.replace('/body/jdm', '') || '/'}
                      </Typography.Text>{' '}
                      {p.message}
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        ) : null}
        <Form.Item
          name="name"
          label={t('lender.rules.name')}
          extra={t('lender.rules.nameHelp')}
          rules={[{ required: true }]}
        >
          <Input data-testid="rules-import-name" placeholder="sme-policy" />
        </Form.Item>
        <Form.Item
          label={t('lender.rules.file')}
          validateStatus={fileError ? 'error' : undefined}
          help={fileError ?? undefined}
        >
          <Upload.Dragger
            accept=".json,application/json"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(chosen) => {
              void chosen.text().then((text) => {
                setFile({ name: chosen.name, text });
                setFileError(null);
              });
              return false;
            }}
            data-testid="rules-import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{file ? file.name : t('lender.rules.fileHint')}</p>
          </Upload.Dragger>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="rules-import-submit">
          {t('lender.rules.importSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

export function RulesPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const versions = useApi<RuleVersion[]>('/rules/versions');
  const admin = user.role === 'lender_admin';
  return (
    <>
      <Typography.Title level={3}>{t('lender.rules.title')}</Typography.Title>
      {admin ? (
        <ImportCard
          onImported={(version) => {
            void message.success(t('lender.rules.imported', { version: version.version }));
            void navigate(`/lender/rules/${version.id}`);
          }}
        />
      ) : null}
      <Card title={t('lender.rules.versions')}>
        <PageState
          loaded={versions}
          empty={<Empty description={t('lender.rules.empty')} data-testid="empty" />}
        >
          {(data) => (
            <Table<RuleVersion>
              rowKey="id"
              data-testid="rules-table"
              dataSource={data}
              scroll={{ x: 'max-content' }}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                {
                  title: t('lender.rules.name'),
                  dataIndex: 'name',
                  render: (name: string, v) => (
                    <Link
                      to={`/lender/rules/${v.id}`}
                      data-testid={`rules-open-${v.name}-v${v.version}`}
                    >
                      {name} v{v.version}
                    </Link>
                  ),
                },
                {
                  title: t('common.status'),
                  dataIndex: 'status',
                  render: (status: string) => (
                    <Tag color={status === 'published' ? 'green' : 'gold'}>
                      {status === 'published'
                        ? t('lender.rules.published')
                        : t('lender.rules.draft')}
                    </Tag>
                  ),
                },
                {
                  title: t('lender.rules.hash'),
                  dataIndex: 'jdmHash',
                  render: (hash: string) => (
                    <Typography.Text code>{hash.slice(0, 12)}</Typography.Text>
                  ),
                },
                {
                  title: t('common.createdAt'),
                  dataIndex: 'createdAt',
                  render: (at: string) => formatDateTime(at, locale),
                },
                {
                  title: t('lender.rules.publishedAt'),
                  dataIndex: 'publishedAt',
                  render: (at: string | null) => formatDateTime(at, locale),
                },
                {
                  title: t('common.actions'),
                  render: (_, v) => (
                    <Space wrap>
                      <Button size="small" onClick={() => void navigate(`/lender/rules/${v.id}`)}>
                        {t('lender.rules.view')}
                      </Button>
                      <Button
                        size="small"
                        data-testid={`rules-export-${v.id}`}
                        onClick={() => void exportJdm(v)}
                      >
                        {t('lender.rules.export')}
                      </Button>
                      {admin && v.status === 'draft' ? (
                        <PublishButton version={v} onDone={versions.reload} />
                      ) : null}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </PageState>
      </Card>
    </>
  );
}
