import { Button, Card, Col, Descriptions, Input, Row, Space, Table, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import {
  parseCheckpoint,
  parseSignedNote,
  parseVerifierKey,
  toBase64,
  toHex,
  verifyNoteSignature,
} from './ledger-verify';
import { ReceiptPanel } from './ReceiptPanel';
import type { AuditEvent } from './types';

const PAGE_SIZE = 20;

interface CheckpointView {
  readonly origin: string;
  readonly size: number;
  readonly root: string;
  readonly keyName: string;
  readonly keyHash: string;
  readonly signed: boolean;
}

/** Reads the latest checkpoint and checks its signature here, as the receipts are. */
async function openCheckpoint(note: string, vkey: string): Promise<CheckpointView> {
  const key = await parseVerifierKey(vkey);
  const signedNote = parseSignedNote(note);
  const checkpoint = parseCheckpoint(signedNote.text);
  return {
    origin: checkpoint.origin,
    size: checkpoint.size,
    root: toBase64(checkpoint.root),
    keyName: key.name,
    keyHash: toHex(key.keyHash),
    signed: checkpoint.origin === key.name && (await verifyNoteSignature(signedNote, key)),
  };
}

function CheckpointCard({ note, vkey }: { note: string; vkey: string }) {
  const { t } = useI18n();
  const [view, setView] = useState<CheckpointView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    openCheckpoint(note, vkey).then(setView, (error: unknown) => setProblem(String(error)));
  }, [note, vkey]);
  if (problem) return <Typography.Text type="danger">{problem}</Typography.Text>;
  if (!view) return null;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 1, md: 2, lg: 2 }}
      data-testid="ledger-checkpoint"
      items={[
        {
          key: 'origin',
          label: t('regulator.ledger.origin'),
          children: (
            <Space wrap>
              {view.origin}
              <Tag
                color={view.signed ? 'green' : 'red'}
                icon={<SafetyCertificateOutlined />}
                data-testid="ledger-checkpoint-signed"
                data-ok={view.signed ? 'true' : 'false'}
              >
                {t(view.signed ? 'regulator.ledger.pass' : 'regulator.ledger.fail')}
              </Tag>
            </Space>
          ),
        },
        {
          key: 'size',
          label: t('regulator.ledger.treeSize'),
          children: <span data-testid="ledger-tree-size">{view.size}</span>,
        },
        {
          key: 'root',
          label: t('regulator.ledger.rootHash'),
          children: (
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {view.root}
            </Typography.Text>
          ),
        },
        {
          key: 'key',
          label: t('regulator.ledger.keyHash'),
          children: (
            <Typography.Text code style={{ wordBreak: 'break-all' }}>
              {view.keyName}+{view.keyHash}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

function actorText(event: AuditEvent, t: ReturnType<typeof useI18n>['t']) {
  if (event.actorKind === 'system') return t('regulator.ledger.system');
  if (event.actorKind === 'anonymous') return t('regulator.ledger.anonymous');
  const role = event.actorRole ? ` · ${event.actorRole}` : '';
  return `${event.actorKind}${role}${event.actorId ? ` · ${event.actorId.slice(0, 8)}` : ''}`;
}

function EventsTable({ onVerify }: { onVerify: (id: string) => void }) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(0);
  const [action, setAction] = useState('');
  // One more row than shown says whether there is a next page (the API gives no total).
  const query = new URLSearchParams({
    limit: String(PAGE_SIZE + 1),
    offset: String(page * PAGE_SIZE),
    ...(action ? { action } : {}),
  });
  const loaded = useApi<AuditEvent[]>(`/audit-events?${query.toString()}`);
  return (
    <Card
      title={t('regulator.ledger.eventsTitle')}
      extra={
        <Input.Search
          data-testid="ledger-filter"
          allowClear
          placeholder={t('regulator.ledger.filterAction')}
          style={{ maxWidth: 280 }}
          onSearch={(value) => {
            setPage(0);
            setAction(value.trim());
          }}
        />
      }
    >
      <PageState loaded={loaded}>
        {(events) => (
          <>
            <Table<AuditEvent>
              data-testid="ledger-events"
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={events.slice(0, PAGE_SIZE)}
              columns={[
                { title: t('regulator.ledger.id'), dataIndex: 'id' },
                {
                  title: t('regulator.ledger.at'),
                  dataIndex: 'at',
                  render: (at: string) => formatDateTime(at, locale),
                },
                { title: t('regulator.ledger.actor'), render: (_, e) => actorText(e, t) },
                {
                  title: t('regulator.ledger.action'),
                  dataIndex: 'action',
                  render: (value: string) => <Tag>{value}</Tag>,
                },
                {
                  title: t('regulator.ledger.subject'),
                  render: (_, e) =>
                    e.subjectKind ? `${e.subjectKind} · ${e.subjectId ?? ''}` : '—',
                },
                {
                  title: t('common.actions'),
                  render: (_, e) => (
                    <Button
                      size="small"
                      data-testid={`ledger-verify-${e.id}`}
                      onClick={() => onVerify(e.id)}
                    >
                      {t('regulator.ledger.verify')}
                    </Button>
                  ),
                },
              ]}
            />
            <Space style={{ marginTop: 12 }}>
              <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
                {t('regulator.ledger.previous')}
              </Button>
              <Typography.Text>{t('regulator.ledger.page', { page: page + 1 })}</Typography.Text>
              <Button
                data-testid="ledger-next"
                disabled={events.length <= PAGE_SIZE}
                onClick={() => setPage(page + 1)}
              >
                {t('regulator.ledger.next')}
              </Button>
            </Space>
          </>
        )}
      </PageState>
    </Card>
  );
}

/** The audit trail, the latest signed tree head, and receipts verified in the page. */
export function LedgerPage() {
  const { t } = useI18n();
  const checkpoint = useApi<string>('/ledger/checkpoint');
  const vkey = useApi<string>('/ledger/vkey');
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => {
    if (selected) document.getElementById('ledger-receipt')?.scrollIntoView({ behavior: 'smooth' });
  }, [selected]);
  return (
    <div data-testid="regulator-ledger">
      <Typography.Title level={3}>{t('regulator.ledger.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <Card title={t('regulator.ledger.checkpointTitle')}>
            <PageState loaded={checkpoint} isEmpty={() => false}>
              {(note) => (
                <PageState loaded={vkey} isEmpty={() => false}>
                  {(key) => <CheckpointCard note={note} vkey={key} />}
                </PageState>
              )}
            </PageState>
          </Card>
        </Col>
        <Col xs={24}>
          <EventsTable onVerify={setSelected} />
        </Col>
        {selected && vkey.data && (
          <Col xs={24}>
            <ReceiptPanel key={selected} auditEventId={selected} vkey={vkey.data} />
          </Col>
        )}
      </Row>
    </div>
  );
}
