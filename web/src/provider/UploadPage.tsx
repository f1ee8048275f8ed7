import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Form,
  Progress,
  Select,
  Space,
  Steps,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { useApi } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n } from '../app/i18n';
import { PageState } from '../shared/PageState';
import { BatchReportView } from './BatchReportView';
import { categoryLabel } from './labels';
import type { BatchReport, ProviderCategory } from './types';
import { uploadFile, type UploadProgress } from './upload-file';

type Phase =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending'; readonly progress: UploadProgress }
  | { readonly kind: 'processing'; readonly linesDone: number | null }
  | { readonly kind: 'done'; readonly report: BatchReport }
  | { readonly kind: 'failed'; readonly error: ApiError };

const ACCEPT = '.csv,.jsonl,.ndjson,.json,.xml,text/csv,application/json,application/xml,text/xml';

/** While the server reads the file, its batch is visible as running with the line it reached. */
function useProcessingLines(active: boolean, fileName: string | null, since: string | null) {
  const [lines, setLines] = useState<number | null>(null);
  useEffect(() => {
    if (!active || !fileName || !since) return;
    let stopped = false;
    const poll = async () => {
      try {
        const batches = await api<BatchReport[]>('/ingest/batches?limit=5');
        const mine = batches.find(
          (batch) => batch.fileName === fileName && batch.createdAt >= since,
        );
        if (!stopped && mine) setLines(mine.read);
      } catch {
        // Progress is a courtesy: the upload's own answer reports the outcome.
      }
    };
    const timer = setInterval(() => void poll(), 700);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [active, fileName, since]);
  return lines;
}

export function UploadPage() {
  const { t } = useI18n();
  const user = useUser();
  const categories = useApi<ProviderCategory[]>(
    user.organisationId ? `/organisations/${user.organisationId}/categories` : null,
  );
  return (
    <Card title={t('provider.upload.title')}>
      <PageState
        loaded={categories}
        empty={<Alert type="info" showIcon title={t('provider.upload.noCategories')} />}
      >
        {(granted) => <UploadForm categories={granted.map((c) => c.category)} />}
      </PageState>
    </Card>
  );
}

function UploadForm({ categories }: { categories: readonly string[] }) {
  const { t } = useI18n();
  const [category, setCategory] = useState<string | undefined>(categories[0]);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [startedAt, setStartedAt] = useState<string | null>(null);
  const linesDone = useProcessingLines(phase.kind === 'processing', file?.name ?? null, startedAt);
  const busy = phase.kind === 'sending' || phase.kind === 'processing';

  const start = async () => {
    if (!file || !category) return;
    // The server stamps the batch; a minute of slack covers two clocks that differ.
    setStartedAt(new Date(Date.now() - 60_000).toISOString());
    setPhase({ kind: 'sending', progress: { sent: 0, total: file.size } });
    try {
      const report = await uploadFile<BatchReport>(
        `/ingest/${category}/files`,
        file,
        (progress) => setPhase({ kind: 'sending', progress }),
        () => setPhase({ kind: 'processing', linesDone: null }),
      );
      setPhase({ kind: 'done', report });
    } catch (error) {
      setPhase({
        kind: 'failed',
        error: error instanceof ApiError ? error : new ApiError(0, 'CLIENT', String(error)),
      });
    }
  };

  const step =
    phase.kind === 'idle' ? 0 : phase.kind === 'sending' ? 1 : phase.kind === 'processing' ? 2 : 3;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('provider.upload.hint')}
      </Typography.Paragraph>
      <Form layout="vertical" requiredMark={false} style={{ maxWidth: 640 }}>
        <Form.Item label={t('provider.batch.category')} required>
          <Select
            data-testid="upload-category"
            value={category}
            onChange={setCategory}
            disabled={busy}
            options={categories.map((code) => ({ value: code, label: categoryLabel(t, code) }))}
          />
        </Form.Item>
        <Form.Item label={t('provider.upload.file')} required>
          <Upload.Dragger
            accept={ACCEPT}
            multiple={false}
            maxCount={1}
            disabled={busy}
            data-testid="upload-file"
            beforeUpload={(chosen) => {
              setFile(chosen);
              setPhase({ kind: 'idle' });
              // Held here; sent by our own request, which reports its progress.
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={
              file ? [{ uid: 'chosen', name: file.name, status: 'done', size: file.size }] : []
            }
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('provider.upload.drop')}</p>
            <p className="ant-upload-hint">{t('provider.upload.formats')}</p>
          </Upload.Dragger>
        </Form.Item>
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          disabled={!file || !category}
          loading={busy}
          onClick={() => void start()}
          data-testid="upload-start"
        >
          {t('provider.upload.start')}
        </Button>
      </Form>
      {phase.kind !== 'idle' && (
        <Card size="small" data-testid="upload-progress">
          <Steps
            size="small"
            current={step - 1}
            status={
              phase.kind === 'failed' ? 'error' : phase.kind === 'done' ? 'finish' : 'process'
            }
            items={[
              { title: t('provider.upload.stepSend') },
              { title: t('provider.upload.stepProcess') },
              { title: t('provider.upload.stepReport') },
            ]}
          />
          <div style={{ marginTop: 16 }}>
            {phase.kind === 'sending' && (
              <Progress
                percent={Math.floor(
                  (phase.progress.sent / Math.max(phase.progress.total, 1)) * 100,
                )}
                status="active"
              />
            )}
            {phase.kind === 'processing' && (
              <>
                <Progress percent={100} status="active" />
                <Typography.Text data-testid="upload-processing">
                  {linesDone === null
                    ? t('provider.upload.processing')
                    : t('provider.upload.processingLines', { lines: linesDone })}
                </Typography.Text>
              </>
            )}
            {phase.kind === 'done' && (
              <Progress
                percent={100}
                status={phase.report.status === 'failed' ? 'exception' : 'success'}
              />
            )}
            {phase.kind === 'failed' && (
              <Alert
                type="error"
                showIcon
                data-testid="upload-error"
                title={t('provider.upload.failed')}
                description={
                  phase.error.code === 'NETWORK' ? t('error.network') : phase.error.message
                }
              />
            )}
          </div>
        </Card>
      )}
      {phase.kind === 'done' && <BatchReportView report={phase.report} />}
    </Space>
  );
}
