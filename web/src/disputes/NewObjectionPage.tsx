import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { useIntentionKey } from '../api/intention-key';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { categoryLabel } from '../provider/labels';
import { showFieldErrors } from '../shared/form-errors';
import { PageState } from '../shared/PageState';
import { EvidenceUpload, RecordFields } from './parts';
import type { Objection, OwnRecordVersion, Profile } from './types';

interface SourceRecord {
  readonly id: string;
  readonly categories: readonly string[];
  readonly features: readonly { name: string; label: string }[];
  readonly underObjection: boolean;
}

/** The records the borrower's profile is computed from, each with the features it feeds. */
function sourceRecords(profile: Profile): SourceRecord[] {
  const byId = new Map<string, SourceRecord>();
  for (const feature of profile.features) {
    for (const id of feature.sources) {
      const known = byId.get(id);
      byId.set(id, {
        id,
        categories: [...new Set([...(known?.categories ?? []), ...feature.categories])],
        features: [...(known?.features ?? []), { name: feature.name, label: feature.label }],
        underObjection: profile.recordsUnderObjection.includes(id),
      });
    }
  }
  return [...byId.values()].sort((a, b) => Number(b.id) - Number(a.id));
}

interface Values {
  recordId: string;
  feature?: string;
  reason: string;
}

export function NewObjectionPage() {
  const { t } = useI18n();
  const profile = useApi<Profile>('/me/profile');
  return (
    <Card title={t('disputes.new.title')}>
      <PageState
        loaded={profile}
        isEmpty={(data) => sourceRecords(data).length === 0}
        empty={<Alert type="info" showIcon title={t('disputes.new.noRecords')} />}
      >
        {(data) => <NewObjectionForm records={sourceRecords(data)} />}
      </PageState>
    </Card>
  );
}

function NewObjectionForm({ records }: { records: readonly SourceRecord[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [evidence, setEvidence] = useState<string[]>([]);
  const { key, settle } = useIntentionKey();
  const preselected = params.get('record') ?? undefined;
  const recordId = Form.useWatch('recordId', form) ?? preselected;
  const chosen = useMemo(() => records.find((r) => r.id === recordId), [records, recordId]);
  const versions = useApi<OwnRecordVersion[]>(recordId ? `/me/records/${recordId}` : null);

  const submit = async (values: Values) => {
    setBusy(true);
    setProblem(null);
    try {
      const filed = await api<Objection>('/disputes/objections', {
        body: {
          recordId: values.recordId,
          reason: values.reason,
          ...(values.feature ? { feature: values.feature } : {}),
          ...(evidence.length > 0 ? { evidenceDocumentIds: evidence } : {}),
        },
        idempotencyKey: key,
      });
      settle();
      await navigate(`/borrower/objections/${filed.id}`);
    } catch (error) {
      settle(error);
      setProblem(showFieldErrors(form, error, ['recordId', 'reason', 'feature']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('disputes.new.hint')}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} data-testid="form-error" />}
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{ recordId: preselected }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="recordId"
          label={t('disputes.field.record')}
          rules={[{ required: true, message: t('disputes.new.chooseRecord') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('disputes.new.chooseRecord')}
            data-testid="objection-record"
            onChange={() => form.setFieldValue('feature', undefined)}
            options={records.map((record) => ({
              value: record.id,
              disabled: record.underObjection,
              label: `#${record.id} · ${record.categories.map((c) => categoryLabel(t, c)).join(', ')} · ${record.features
                .slice(0, 3)
                .map((f) => f.label)
                .join(
                  ', ',
                )}${record.underObjection ? ` · ${t('disputes.new.underObjection')}` : ''}`,
            }))}
          />
        </Form.Item>
        {recordId && (
          <Card size="small" title={t('disputes.record.title')} style={{ marginBottom: 16 }}>
            <PageState loaded={versions}>
              {(list) => {
                const current = list.find((v) => v.current) ?? list.at(-1);
                return current ? (
                  <RecordFields content={current.content} category={current.category} />
                ) : null;
              }}
            </PageState>
          </Card>
        )}
        <Form.Item name="feature" label={t('disputes.field.feature')}>
          <Select
            allowClear
            placeholder={t('disputes.new.anyFeature')}
            options={(chosen?.features ?? []).map((f) => ({ value: f.name, label: f.label }))}
            data-testid="objection-feature"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('disputes.field.reason')}
          rules={[{ required: true, message: t('disputes.new.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="objection-reason" />
        </Form.Item>
        <Form.Item label={t('disputes.field.evidence')} extra={t('disputes.evidence.hint')}>
          <EvidenceUpload onChange={setEvidence} testId="objection-evidence" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="objection-submit">
          {t('disputes.new.submit')}
        </Button>
      </Form>
    </Space>
  );
}
