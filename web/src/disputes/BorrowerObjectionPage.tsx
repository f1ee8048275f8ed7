import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api/client';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { categoryLabel } from '../provider/labels';
import { showFieldErrors } from '../shared/form-errors';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import { EvidenceUpload, ObjectionTimeline, Outcome, RecordFields } from './parts';
import { ObjectionCaseCard } from './ObjectionCaseCard';
import type { Objection, OwnRecordVersion, Score } from './types';

/** One of the borrower's objections: where it stands, what is asked of them, the outcome. */
export function BorrowerObjectionPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const objection = useApi<Objection>(`/disputes/objections/${id}`);
  return (
    <PageState loaded={objection}>
      {(data) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <ObjectionCaseCard
            objection={data}
            back={<Link to="/borrower/objections">{t('disputes.mine.back')}</Link>}
          />
          {data.actions.includes('supply_material') && (
            <SupplyMaterial objection={data} onDone={objection.reload} />
          )}
          <Outcome objection={data} />
          {data.status === 'corrected' && <CurrentScore />}
          {data.actions.includes('add_statement') && !data.borrowerStatement && (
            <AddStatement objection={data} onDone={objection.reload} />
          )}
          <RecordVersions
            recordId={data.recordId}
            correctedRecordId={data.correctedRecordId}
            correction={data.proposedCorrection}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('disputes.case.timeline')}>
                <ObjectionTimeline objection={data} />
              </Card>
            </Col>
            {data.actions.includes('withdraw') && (
              <Col xs={24} lg={12}>
                <Withdraw objection={data} onDone={objection.reload} />
              </Col>
            )}
          </Row>
        </Space>
      )}
    </PageState>
  );
}

/** The record objected to, and after a correction the corrected version beside the original. */
export function RecordVersions({
  recordId,
  correctedRecordId = null,
  correction = null,
}: {
  recordId: string;
  correctedRecordId?: string | null;
  correction?: Objection['proposedCorrection'];
}) {
  const { t, locale } = useI18n();
  const versions = useApi<OwnRecordVersion[]>(`/me/records/${recordId}`);
  return (
    <Card size="small" title={t('disputes.record.title')} data-testid="objection-record-versions">
      <PageState loaded={versions}>
        {(list) => (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {list.map((version) => (
              <Card
                key={version.id}
                size="small"
                type="inner"
                data-testid={version.current ? 'record-current' : 'record-former'}
                title={
                  <Space wrap>
                    {t('disputes.record.version', { version: version.version })}
                    {categoryLabel(t, version.category)}
                    {version.period}
                    {version.current ? (
                      <Tag color="green">{t('disputes.record.current')}</Tag>
                    ) : (
                      <Tag>{t('disputes.record.superseded')}</Tag>
                    )}
                    {version.id === recordId && (
                      <Tag color="orange">{t('disputes.record.objected')}</Tag>
                    )}
                  </Space>
                }
                extra={formatDateTime(version.receivedAt, locale)}
              >
                <RecordFields
                  category={version.category}
                  content={version.content}
                  highlight={version.id === correctedRecordId ? (correction ?? {}) : {}}
                />
              </Card>
            ))}
          </Space>
        )}
      </PageState>
    </Card>
  );
}

/** The score as it is now: recomputed after a correction. */
function CurrentScore() {
  const { t, locale } = useI18n();
  const score = useApi<Score>('/me/score');
  return (
    <Card size="small" title={t('disputes.score.title')}>
      <PageState loaded={score}>
        {(data) => (
          <Space size="large" wrap>
            <Statistic title={t('disputes.score.value')} value={data.score} />
            <span data-testid="objection-score" hidden>
              {data.score}
            </span>
            <Statistic title={t('disputes.score.grade')} value={data.grade} />
            <Statistic
              title={t('disputes.score.computedAt')}
              value={formatDateTime(data.computedAt, locale)}
            />
          </Space>
        )}
      </PageState>
    </Card>
  );
}

function SupplyMaterial({ objection, onDone }: { objection: Objection; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note?: string }>();
  const [evidence, setEvidence] = useState<string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async ({ note }: { note?: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await api(`/disputes/objections/${objection.id}/supply-material`, {
        body: { evidenceDocumentIds: evidence, ...(note ? { note } : {}) },
      });
      onDone();
    } catch (error) {
      setProblem(showFieldErrors(form, error, ['note', 'evidenceDocumentIds']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('disputes.material.title')} data-testid="material-notice">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('disputes.material.notice')}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {(objection.materialNotice ?? []).map((item) => (
              <li key={item} data-testid="material-item">
                {item}
              </li>
            ))}
          </ul>
        }
      />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item label={t('disputes.field.evidence')}>
          <EvidenceUpload onChange={setEvidence} testId="material-evidence" />
        </Form.Item>
        <Form.Item name="note" label={t('disputes.field.note')}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="material-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="material-submit">
          {t('disputes.material.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function AddStatement({ objection, onDone }: { objection: Objection; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ statement: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async ({ statement }: { statement: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await api(`/disputes/objections/${objection.id}/add-statement`, { body: { statement } });
      onDone();
    } catch (error) {
      setProblem(showFieldErrors(form, error, ['statement']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('disputes.statement.title')}>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('disputes.statement.hint')}
      />
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="statement"
          label={t('disputes.field.statement')}
          rules={[{ required: true, message: t('disputes.statement.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="statement-text" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="statement-submit">
          {t('common.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function Withdraw({ objection, onDone }: { objection: Objection; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Card size="small" title={t('disputes.withdraw.title')}>
      <Popconfirm
        title={t('disputes.withdraw.confirm')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onConfirm={() => {
          api(`/disputes/objections/${objection.id}/withdraw`, { body: {} }).then(
            onDone,
            (error: unknown) => void message.error(String((error as Error).message)),
          );
        }}
      >
        <Button danger data-testid="objection-withdraw">
          {t('disputes.withdraw.button')}
        </Button>
      </Popconfirm>
    </Card>
  );
}
