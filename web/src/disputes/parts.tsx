import { ClockCircleOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Descriptions,
  Result,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { api, download } from '../api/client';
import { useI18n } from '../app/i18n';
import { storedValueText, useCategorySchema } from '../provider/schema';
import { formatDate, formatDateTime } from '../shared/format';
import type { Objection, ObjectionStatus } from './types';

const STATUS_COLOURS: Readonly<Record<ObjectionStatus, string>> = {
  submitted: 'blue',
  awaiting_material: 'orange',
  investigating: 'processing',
  awaiting_second_review: 'purple',
  correcting: 'cyan',
  corrected: 'success',
  not_corrected: 'default',
  refused: 'error',
  withdrawn: 'default',
};

export function ObjectionStatusTag({ status }: { status: ObjectionStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="objection-status" data-status={status}>
      {t(`disputes.status.${status}`)}
    </Tag>
  );
}

/** Days left of the 20-day answer deadline, paused while material is awaited. */
export function Countdown({ objection }: { objection: Objection }) {
  const { t, locale } = useI18n();
  if (objection.status === 'awaiting_material') {
    return <Tag icon={<ClockCircleOutlined />}>{t('disputes.deadline.paused')}</Tag>;
  }
  if (objection.daysLeft === null) return <span>—</span>;
  const colour = objection.breached ? 'red' : objection.daysLeft <= 5 ? 'orange' : 'green';
  return (
    <Tag color={colour} icon={<ClockCircleOutlined />} data-testid="objection-countdown">
      {objection.breached
        ? t('disputes.deadline.breached', { date: formatDate(objection.dueAt, locale) })
        : t('disputes.deadline.daysLeft', {
            days: objection.daysLeft,
            date: formatDate(objection.dueAt, locale),
          })}
    </Tag>
  );
}

const STEP_OF: Readonly<Record<ObjectionStatus, number>> = {
  submitted: 1,
  awaiting_material: 1,
  investigating: 2,
  awaiting_second_review: 3,
  correcting: 4,
  corrected: 5,
  not_corrected: 5,
  refused: 5,
  withdrawn: 5,
};

/** Where the objection stands in the workflow: filed, checked, investigated, approved, corrected. */
export function ObjectionSteps({ status }: { status: ObjectionStatus }) {
  const { t } = useI18n();
  const stopped = status === 'refused' || status === 'withdrawn';
  return (
    <Steps
      size="small"
      current={STEP_OF[status]}
      status={
        stopped
          ? 'error'
          : status === 'corrected' || status === 'not_corrected'
            ? 'finish'
            : status === 'awaiting_material'
              ? 'wait'
              : 'process'
      }
      data-testid="objection-steps"
      items={[
        { title: t('disputes.step.filed') },
        { title: t('disputes.step.check') },
        { title: t('disputes.step.investigation') },
        { title: t('disputes.step.secondReview') },
        { title: t('disputes.step.correction') },
        { title: t('disputes.step.outcome') },
      ]}
    />
  );
}

export function ObjectionTimeline({ objection }: { objection: Objection }) {
  const { t, locale } = useI18n();
  return (
    <Timeline
      data-testid="objection-timeline"
      items={(objection.timeline ?? []).map((entry, index) => ({
        key: index,
        title: formatDateTime(entry.at, locale),
        content: (
          <Space wrap size={4}>
            {t(`disputes.event.${entry.event}`)}
            <ObjectionStatusTag status={entry.to} />
          </Space>
        ),
      }))}
    />
  );
}

/**
 * A record's fields as stored, labelled in the reader's language in the category's order,
 * money in yuan (stored as integer fen); fields of the highlight are marked.
 */
export function RecordFields({
  content,
  category = null,
  highlight = {},
}: {
  content: Readonly<Record<string, unknown>>;
  category?: string | null;
  highlight?: Readonly<Record<string, unknown>>;
}) {
  const schema = useCategorySchema(category).data;
  const known = schema?.fields.filter((field) => field.name in content) ?? [];
  const rest = Object.keys(content)
    .filter((name) => !known.some((field) => field.name === name))
    .map((name) => ({ name, label: name, type: undefined }));
  return (
    <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 2 }}>
      {[...known, ...rest].map(({ name, label, type }) => {
        const shown = storedValueText(type, content[name]);
        return (
          <Descriptions.Item key={name} label={label}>
            <span data-testid={`record-field-${name}`}>
              {name in highlight ? <Typography.Text mark>{shown}</Typography.Text> : shown}
            </span>
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}

export function text(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The outcome in words: corrected, not corrected with the explanation and routes, refused. */
export function Outcome({ objection }: { objection: Objection }) {
  const { t } = useI18n();
  const { status } = objection;
  if (status !== 'corrected' && status !== 'not_corrected' && status !== 'refused') return null;
  const kind = status === 'corrected' ? 'success' : status === 'refused' ? 'error' : 'info';
  return (
    <Result
      status={kind}
      data-testid="objection-outcome"
      title={t(`disputes.outcome.${status}`)}
      subTitle={
        <Space orientation="vertical" size={4}>
          {objection.explanation && (
            <span>
              {t('disputes.field.explanation')}: {objection.explanation}
            </span>
          )}
          {objection.otherRoutes && (
            <span>
              {t('disputes.field.otherRoutes')}: {objection.otherRoutes}
            </span>
          )}
          {objection.borrowerStatement && (
            <span data-testid="objection-statement">
              {t('disputes.field.statement')}: {objection.borrowerStatement}
            </span>
          )}
        </Space>
      }
    />
  );
}

/** The evidence documents, each downloadable by whoever may read it. */
export function EvidenceList({ ids }: { ids: readonly string[] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  if (ids.length === 0) return <span>{t('disputes.evidence.none')}</span>;
  return (
    <Space wrap>
      {ids.map((id, index) => (
        <Button
          key={id}
          size="small"
          icon={<PaperClipOutlined />}
          onClick={() =>
            void download(`/archive/documents/${id}/content`, `evidence-${index + 1}`).catch(
              (error: unknown) => message.error(String((error as Error).message)),
            )
          }
        >
          {t('disputes.evidence.item', { n: index + 1 })}
        </Button>
      ))}
    </Space>
  );
}

interface Archived {
  readonly id: string;
  readonly fileName: string;
}

/**
 * Uploads evidence to the e-archive as the files are chosen; tells the form the ids of
 * those archived. A refused file (too large, wrong type) says why and is left out.
 */
export function EvidenceUpload({
  onChange,
  testId,
}: {
  onChange: (ids: string[]) => void;
  testId: string;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [archived, setArchived] = useState<Archived[]>([]);
  const [busy, setBusy] = useState(0);
  const update = (next: Archived[]) => {
    setArchived(next);
    onChange(next.map((doc) => doc.id));
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Upload
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          setBusy((n) => n + 1);
          const form = new FormData();
          form.append('kind', 'objection_evidence');
          form.append('file', file, file.name);
          api<Archived>('/archive/documents', { body: form })
            .then(
              (doc) => {
                setArchived((current) => {
                  const next = [...current, { id: doc.id, fileName: file.name }];
                  onChange(next.map((d) => d.id));
                  return next;
                });
              },
              (error: unknown) => void message.error(String((error as Error).message)),
            )
            .finally(() => setBusy((n) => n - 1));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy > 0} data-testid={testId}>
          {t('disputes.evidence.add')}
        </Button>
      </Upload>
      {archived.map((doc) => (
        <Tag
          key={doc.id}
          closable
          icon={<PaperClipOutlined />}
          onClose={() => update(archived.filter((d) => d.id !== doc.id))}
          data-testid="evidence-archived"
        >
          {doc.fileName}
        </Tag>
      ))}
    </Space>
  );
}
