import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../app/i18n';
import { showFieldErrors } from '../shared/form-errors';
import { useCategorySchema } from './schema';
import type { BatchReport, QuarantinedRecord } from './types';

/** The quarantined record's fields as delivered; a line that was not a record gives none. */
function deliveredFields(raw: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).map(([name, value]) => [
        name,
        value === null || value === undefined
          ? ''
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value as string | number | boolean),
      ]),
    );
  } catch {
    return {};
  }
}

/** Why the field was quarantined, under the field, until the correction is sent. */
function QuarantineReasons({ reasons }: { reasons: QuarantinedRecord['reasons'] }) {
  if (reasons.length === 0) return null;
  return (
    <Typography.Text type="warning" data-testid="resubmit-reason">
      {reasons.map((r) => r.message).join('; ')}
    </Typography.Text>
  );
}

interface Props {
  readonly record: QuarantinedRecord;
  readonly onClose: () => void;
  readonly onDone: (report: BatchReport) => void;
}

/**
 * An editor of a quarantined record's fields: each reason shows under its field, and the
 * API's refusal of a still-wrong correction shows at the field as an error.
 */
export function ResubmitModal({ record, onClose, onDone }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ record: Record<string, string> }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const initial = useMemo(() => deliveredFields(record.raw), [record.raw]);
  const schema = useCategorySchema(record.category).data;
  const labelOf = (name: string) => {
    const label = schema?.fields.find((field) => field.name === name)?.label;
    return label ? `${label} · ${name}` : name;
  };
  // A missing required field has a reason but no value: it gets a box to fill in too.
  const names = useMemo(() => {
    const fromReasons = record.reasons.flatMap((r) => (r.field ? [r.field] : []));
    return [...new Set([...Object.keys(initial), ...fromReasons])];
  }, [initial, record.reasons]);

  const submit = async (values: { record: Record<string, string | undefined> }) => {
    setBusy(true);
    setProblem(null);
    const fields = Object.fromEntries(
      Object.entries(values.record).filter(([, value]) => value !== undefined && value !== ''),
    );
    try {
      const report = await api<BatchReport>(`/ingest/quarantine/${record.id}/resubmit`, {
        body: { record: fields },
      });
      void message.success(t('provider.resubmit.done'));
      onDone(report);
    } catch (error) {
      setProblem(showFieldErrors(form, error, ['record']));
    } finally {
      setBusy(false);
    }
  };

  const unplaced = record.reasons.filter((r) => !r.field);
  return (
    <Modal
      open
      title={t('provider.resubmit.title', { line: record.line })}
      okText={t('provider.resubmit.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'resubmit-submit' }}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('provider.resubmit.hint')}</Typography.Paragraph>
      {unplaced.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={unplaced.map((r) => r.message).join('; ')}
          description={<Typography.Text code>{record.raw}</Typography.Text>}
        />
      )}
      {problem && (
        <Alert
          type="error"
          showIcon
          title={problem}
          style={{ marginBottom: 12 }}
          data-testid="resubmit-error"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ record: initial }}
        onFinish={(values) => void submit(values)}
        data-testid="resubmit-form"
      >
        {names.map((name) => (
          <Form.Item
            key={name}
            name={['record', name]}
            label={labelOf(name)}
            extra={<QuarantineReasons reasons={record.reasons.filter((r) => r.field === name)} />}
          >
            <Input data-testid={`resubmit-field-${name}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
