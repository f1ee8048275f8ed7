import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, download, newIdempotencyKey } from '../api/client';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { useLabel } from './labels';
import type { Application, ApplicationDocument } from '../api/loans';
import { FormError } from '../shared/FormError';

const UPLOAD_STATUSES = ['submitted', 'verifying', 'decided', 'declined'];

/** Alternative proof for this application (labour contract, income statement …) and its documents. */
export function ProofCard({
  application,
  onUploaded,
}: {
  application: Application;
  onUploaded: () => void;
}) {
  // Proof counts until a person has decided and an offer stands; documents stay listed.
  const mayUpload = UPLOAD_STATUSES.includes(application.status);
  const { t, locale } = useI18n();
  const label = useLabel();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setProblem(null);
    // Fields before the file: the server reads the parts in order.
    const form = new FormData();
    form.append('kind', 'alternative_proof');
    form.append('applicationId', application.id);
    form.append('file', file, file.name);
    try {
      await api('/archive/documents', { body: form, idempotencyKey: newIdempotencyKey() });
      void message.success(t('borrower.application.proofUploaded', { file: file.name }));
      onUploaded();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  if (!mayUpload && application.documents.length === 0) return null;
  return (
    <Card
      title={mayUpload ? t('borrower.application.proof') : t('borrower.application.documents')}
      data-testid="application-proof"
    >
      <Typography.Paragraph type="secondary">
        {t('borrower.application.proofHelp')}
      </Typography.Paragraph>
      <FormError message={problem} gap={12} />
      {mayUpload && (
        <div data-testid="application-proof-upload">
          <Upload
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="application-proof-choose">
              {t('borrower.application.proofChoose')}
            </Button>
          </Upload>
        </div>
      )}
      {application.documents.length > 0 && (
        <Space orientation="vertical" size="small" style={{ width: '100%', marginTop: 16 }}>
          <Typography.Text strong>{t('borrower.application.documents')}</Typography.Text>
          <Table<ApplicationDocument>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={application.documents}
            data-testid="application-documents"
            columns={[
              {
                key: 'kind',
                title: t('borrower.profile.category'),
                render: (_, d) => label('borrower.application.docKind', d.kind),
              },
              {
                key: 'name',
                title: t('borrower.application.documents'),
                render: (_, d) => (
                  <Button
                    type="link"
                    size="small"
                    style={{ padding: 0 }}
                    onClick={() => void download(`/archive/documents/${d.id}/content`, d.fileName)}
                  >
                    {d.fileName}
                  </Button>
                ),
              },
              {
                key: 'at',
                title: t('common.createdAt'),
                render: (_, d) => formatDateTime(d.createdAt, locale),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
