import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Select,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { User } from '../app/auth';
import { useI18n } from '../app/i18n';
import { showFieldErrors } from '../shared/form-errors';
import { text } from './parts';
import type { Objection, ObjectionEvent, RecordVersion, Triage } from './types';

type StaffStep =
  | 'accept'
  | 'request_material'
  | 'refuse'
  | 'find_error'
  | 'find_no_error'
  | 'approve_correction'
  | 'reject_correction'
  | 'confirm_correction';

const STAFF_STEPS: readonly StaffStep[] = [
  'accept',
  'request_material',
  'refuse',
  'find_error',
  'find_no_error',
  'approve_correction',
  'reject_correction',
  'confirm_correction',
];

/** The steps this member of staff may take now. */
function stepsFor(objection: Objection, user: User): StaffStep[] {
  const allowed = new Set<ObjectionEvent>(objection.actions);
  // The API lists an operator's steps as the proposer's: the second look is another operator's.
  if (user.role === 'operator' && objection.status === 'awaiting_second_review') {
    allowed.add('approve_correction');
    allowed.add('reject_correction');
  }
  return STAFF_STEPS.filter((step) => allowed.has(step));
}

/** Who proposed the correction (the second look must be someone else). */
function proposer(objection: Objection): string | null {
  const found = [...(objection.timeline ?? [])].reverse().find((e) => e.event === 'find_error');
  return found?.actor ?? null;
}

interface Props {
  readonly objection: Objection;
  readonly triage: Triage | undefined;
  readonly user: User;
  readonly onDone: () => void;
}

export function StaffActions({ objection, triage, user, onDone }: Props) {
  const { t } = useI18n();
  const steps = stepsFor(objection, user);
  const mine = proposer(objection) === `user:${user.id}`;
  if (steps.length === 0) return null;
  if (mine && objection.status === 'awaiting_second_review') {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="case-await-second"
        title={t('disputes.action.awaitSecond')}
      />
    );
  }
  const forms: Record<StaffStep, ReactNode> = {
    accept: <StepForm objection={objection} step="accept" onDone={onDone} />,
    request_material: <RequestMaterial objection={objection} onDone={onDone} />,
    refuse: <ExplainForm objection={objection} step="refuse" onDone={onDone} />,
    find_error: <FindError objection={objection} triage={triage} onDone={onDone} />,
    find_no_error: <FindNoError objection={objection} onDone={onDone} />,
    approve_correction: (
      <StepForm objection={objection} step="approve_correction" onDone={onDone} />
    ),
    reject_correction: <RejectCorrection objection={objection} onDone={onDone} />,
    confirm_correction: (
      <ConfirmCorrection objection={objection} triage={triage} user={user} onDone={onDone} />
    ),
  };
  return (
    <Card size="small" title={t('disputes.action.title')} data-testid="case-actions">
      <Tabs
        items={steps.map((step) => ({
          key: step,
          label: <span data-testid={`action-tab-${step}`}>{t(`disputes.action.${step}`)}</span>,
          children: forms[step],
        }))}
      />
    </Card>
  );
}

/** Posts one step; shows the API's field problems at the form's fields. */
function useStep(objection: Objection, step: StaffStep, onDone: () => void) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (
    body: Record<string, unknown>,
    form?: Parameters<typeof showFieldErrors>[0],
    fields: string[] = [],
  ) => {
    setBusy(true);
    setProblem(null);
    try {
      await api(`/disputes/objections/${objection.id}/${step.replaceAll('_', '-')}`, { body });
      void message.success(t('disputes.action.done'));
      onDone();
    } catch (error) {
      setProblem(form ? showFieldErrors(form, error, fields) : String((error as Error).message));
    } finally {
      setBusy(false);
    }
  };
  const alert = problem ? (
    <Alert
      type="error"
      showIcon
      title={problem}
      style={{ marginBottom: 12 }}
      data-testid="action-error"
    />
  ) : null;
  return { run, busy, alert };
}

function StepForm({
  objection,
  step,
  onDone,
}: {
  objection: Objection;
  step: 'accept' | 'approve_correction';
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { run, busy, alert } = useStep(objection, step, onDone);
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t(`disputes.action.${step}Hint`)}
      </Typography.Paragraph>
      {alert}
      <Button
        type="primary"
        loading={busy}
        onClick={() => void run({})}
        data-testid={`action-${step}`}
      >
        {t(`disputes.action.${step}`)}
      </Button>
    </>
  );
}

function RequestMaterial({ objection, onDone }: { objection: Objection; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ missingItems: string }>();
  const { run, busy, alert } = useStep(objection, 'request_material', onDone);
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={({ missingItems }) =>
        void run(
          {
            missingItems: missingItems
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
          },
          form,
          ['missingItems'],
        )
      }
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('disputes.action.onceOnly')}
      />
      {alert}
      <Form.Item
        name="missingItems"
        label={t('disputes.field.missingItems')}
        extra={t('disputes.action.onePerLine')}
        rules={[{ required: true, message: t('disputes.action.required') }]}
      >
        <Input.TextArea rows={4} data-testid="action-missing-items" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="action-request_material">
        {t('disputes.action.request_material')}
      </Button>
    </Form>
  );
}

function ExplainForm({
  objection,
  step,
  onDone,
}: {
  objection: Objection;
  step: 'refuse';
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ explanation: string }>();
  const { run, busy, alert } = useStep(objection, step, onDone);
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(values) => void run(values, form, ['explanation'])}
    >
      {alert}
      <Form.Item
        name="explanation"
        label={t('disputes.field.explanation')}
        rules={[{ required: true, message: t('disputes.action.required') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid={`action-${step}-explanation`} />
      </Form.Item>
      <Button danger type="primary" htmlType="submit" loading={busy} data-testid={`action-${step}`}>
        {t(`disputes.action.${step}`)}
      </Button>
    </Form>
  );
}

function FindNoError({ objection, onDone }: { objection: Objection; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{
    explanation: string;
    otherRoutes: string;
    evidenceRefuted: boolean;
  }>();
  const { run, busy, alert } = useStep(objection, 'find_no_error', onDone);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ evidenceRefuted: false, otherRoutes: t('disputes.action.defaultRoutes') }}
      onFinish={(values) =>
        void run(values, form, ['explanation', 'otherRoutes', 'evidenceRefuted'])
      }
    >
      {alert}
      <Form.Item
        name="explanation"
        label={t('disputes.field.explanation')}
        rules={[{ required: true, message: t('disputes.action.required') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="action-no-error-explanation" />
      </Form.Item>
      <Form.Item
        name="otherRoutes"
        label={t('disputes.field.otherRoutes')}
        rules={[{ required: true, message: t('disputes.action.required') }]}
      >
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item name="evidenceRefuted" valuePropName="checked">
        <Checkbox>{t('disputes.field.evidenceRefuted')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="action-find_no_error">
        {t('disputes.action.find_no_error')}
      </Button>
    </Form>
  );
}

function objectedVersion(
  objection: Objection,
  triage: Triage | undefined,
): RecordVersion | undefined {
  return triage?.versions.find((v) => v.id === objection.recordId);
}

/** The finding of an error: the explanation and the fields as they should read. */
function FindError({
  objection,
  triage,
  onDone,
}: {
  objection: Objection;
  triage: Triage | undefined;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{
    explanation: string;
    correction: { field: string; value: string }[];
  }>();
  const { run, busy, alert } = useStep(objection, 'find_error', onDone);
  const content = objectedVersion(objection, triage)?.content ?? {};
  const names = Object.keys(content);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ correction: [{ field: undefined, value: '' }] }}
      onFinish={({ explanation, correction }) =>
        void run(
          {
            explanation,
            correction: Object.fromEntries(
              correction.filter((c) => c.field).map((c) => [c.field, c.value]),
            ),
          },
          form,
          ['explanation', 'correction'],
        )
      }
    >
      {alert}
      <Form.Item
        name="explanation"
        label={t('disputes.field.explanation')}
        rules={[{ required: true, message: t('disputes.action.required') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} data-testid="action-error-explanation" />
      </Form.Item>
      <Form.Item label={t('disputes.field.correction')} extra={t('disputes.action.correctionHint')}>
        <Form.List name="correction">
          {(items, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {items.map((item, index) => (
                <Space key={item.key} wrap align="start">
                  <Form.Item
                    name={[item.name, 'field']}
                    noStyle
                    rules={[{ required: true, message: t('disputes.action.required') }]}
                  >
                    <Select
                      style={{ minWidth: 180 }}
                      placeholder={t('disputes.action.field')}
                      data-testid={`action-correction-field-${index}`}
                      options={names.map((name) => ({
                        value: name,
                        label: `${name} (${text(content[name])})`,
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name={[item.name, 'value']} noStyle>
                    <Input
                      style={{ width: 180 }}
                      placeholder={t('disputes.action.newValue')}
                      data-testid={`action-correction-value-${index}`}
                    />
                  </Form.Item>
                  {items.length > 1 && (
                    <Button onClick={() => remove(item.name)}>
                      {t('disputes.action.removeField')}
                    </Button>
                  )}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ field: undefined, value: '' })}>
                {t('disputes.action.addField')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="action-find_error">
        {t('disputes.action.find_error')}
      </Button>
    </Form>
  );
}

function RejectCorrection({ objection, onDone }: { objection: Objection; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note: string }>();
  const { run, busy, alert } = useStep(objection, 'reject_correction', onDone);
  return (
    <Form form={form} layout="vertical" onFinish={(values) => void run(values, form, ['note'])}>
      {alert}
      <Form.Item
        name="note"
        label={t('disputes.field.note')}
        rules={[{ required: true, message: t('disputes.action.required') }]}
      >
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Button danger htmlType="submit" loading={busy} data-testid="action-reject_correction">
        {t('disputes.action.reject_correction')}
      </Button>
    </Form>
  );
}

/**
 * The correction: the source's new version of the record is confirmed. The provider sends
 * that version the way it sends all its data (a file or its API, in its own fields and money
 * unit), then confirms it here.
 */
function ConfirmCorrection({ objection, triage, user, onDone }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ correctedRecordId: string }>();
  const { run, busy, alert } = useStep(objection, 'confirm_correction', onDone);
  const objected = objectedVersion(objection, triage);
  const later = (triage?.versions ?? []).filter((v) => objected && v.version > objected.version);
  const suggested = later.find((v) => v.current)?.id ?? later.at(-1)?.id;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {user.role === 'provider' && later.length === 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="send-corrected"
          title={t('disputes.action.sendTitle')}
          description={
            <span>
              {t('disputes.action.sendHint')}{' '}
              <Link to="/provider/upload">{t('disputes.action.toUpload')}</Link>
            </span>
          }
        />
      )}
      <Form
        form={form}
        layout="vertical"
        key={suggested ?? 'none'}
        initialValues={{ correctedRecordId: suggested }}
        onFinish={(values) => void run(values, form, ['correctedRecordId'])}
      >
        {alert}
        <Form.Item
          name="correctedRecordId"
          label={t('disputes.field.correctedRecord')}
          extra={later.length === 0 ? t('disputes.action.noLaterVersion') : null}
          rules={[{ required: true, message: t('disputes.action.required') }]}
        >
          <Select
            style={{ maxWidth: 360 }}
            data-testid="action-corrected-record"
            options={(triage?.versions ?? []).map((v) => ({
              value: v.id,
              label: `#${v.id} · ${t('disputes.record.version', { version: v.version })}${v.current ? ` · ${t('disputes.record.current')}` : ''}`,
            }))}
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          data-testid="action-confirm_correction"
        >
          {t('disputes.action.confirm_correction')}
        </Button>
      </Form>
    </Space>
  );
}
