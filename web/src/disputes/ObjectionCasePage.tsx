import { Alert, Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useApi, type Loaded } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n } from '../app/i18n';
import { categoryLabel, shortId } from '../provider/labels';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import { ObjectionCaseCard } from './ObjectionCaseCard';
import { StaffActions } from './StaffActions';
import { ObjectionTimeline, Outcome, RecordFields, text } from './parts';
import type { Objection, RecordVersion, Triage } from './types';

/**
 * One objection as the operator or the record's provider works it: the case, the triage
 * (versions with lineage, the subject's other records, contradictions) and the next steps.
 */
export function ObjectionCasePage({ portal }: { portal: 'regulator' | 'provider' }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const objection = useApi<Objection>(`/disputes/objections/${id}`);
  const triage = useApi<Triage>(`/disputes/objections/${id}/triage`);
  const reload = () => {
    objection.reload();
    triage.reload();
  };
  return (
    <PageState loaded={objection}>
      {(data) => (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <ObjectionCaseCard
            objection={data}
            back={<Link to={`/${portal}/objections`}>{t('disputes.queue.back')}</Link>}
            showFeature
            more={
              <>
                {data.materialNotice && (
                  <Descriptions.Item label={t('disputes.material.asked')} span={3}>
                    {data.materialNotice.join('; ')}
                  </Descriptions.Item>
                )}
                {data.proposedCorrection && (
                  <Descriptions.Item label={t('disputes.field.correction')} span={3}>
                    <span data-testid="case-correction">
                      {Object.entries(data.proposedCorrection)
                        .map(([field, value]) => `${field} = ${text(value)}`)
                        .join('; ')}
                    </span>
                  </Descriptions.Item>
                )}
              </>
            }
          />
          <Outcome objection={data} />
          <StaffActionsPanel objection={data} triage={triage.data} onDone={reload} />
          <TriagePanel triage={triage} />
          <Card size="small" title={t('disputes.case.timeline')}>
            <ObjectionTimeline objection={data} />
          </Card>
        </Space>
      )}
    </PageState>
  );
}

function StaffActionsPanel({
  objection,
  triage,
  onDone,
}: {
  objection: Objection;
  triage: Triage | undefined;
  onDone: () => void;
}) {
  const user = useUser();
  return <StaffActions objection={objection} triage={triage} user={user} onDone={onDone} />;
}

function VersionsTable({ versions }: { versions: readonly RecordVersion[] }) {
  const { t, locale } = useI18n();
  return (
    <Table<RecordVersion>
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={[...versions]}
      data-testid="triage-versions"
      expandable={{
        expandedRowRender: (version) => (
          <RecordFields content={version.content} category={version.category} />
        ),
        defaultExpandedRowKeys: versions.map((v) => v.id),
      }}
      columns={[
        { title: t('disputes.record.versionColumn'), dataIndex: 'version' },
        {
          title: t('common.status'),
          dataIndex: 'current',
          render: (current: boolean) =>
            current ? (
              <Tag color="green">{t('disputes.record.current')}</Tag>
            ) : (
              <Tag>{t('disputes.record.superseded')}</Tag>
            ),
        },
        { title: t('disputes.record.period'), dataIndex: 'period' },
        {
          title: t('disputes.lineage.receivedAt'),
          key: 'receivedAt',
          render: (_, v) => formatDateTime(v.lineage.receivedAt, locale),
        },
        {
          title: t('disputes.lineage.batch'),
          key: 'batch',
          render: (_, v) => shortId(v.lineage.batchId),
        },
        {
          title: t('disputes.lineage.file'),
          key: 'file',
          render: (_, v) =>
            v.lineage.fileName ? `${v.lineage.fileName}:${v.lineage.line}` : `#${v.lineage.line}`,
        },
        {
          title: t('disputes.lineage.hash'),
          key: 'hash',
          render: (_, v) => (
            <Typography.Text code copyable={{ text: v.lineage.contentHash }}>
              {v.lineage.contentHash.slice(0, 12)}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

function TriagePanel({ triage }: { triage: Loaded<Triage> }) {
  const { t, locale } = useI18n();
  return (
    <Card size="small" title={t('disputes.triage.title')}>
      <PageState loaded={triage}>
        {(data) => (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {data.contradictions.length === 0 ? (
              <Alert type="info" showIcon title={t('disputes.triage.noContradiction')} />
            ) : (
              data.contradictions.map((c) => (
                <Alert
                  key={c.field}
                  type="warning"
                  showIcon
                  data-testid="triage-contradiction"
                  title={c.message[locale]}
                />
              ))
            )}
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('disputes.triage.versions')}
              {data.versions[0] && ` · ${categoryLabel(t, data.versions[0].category)}`}
            </Typography.Title>
            <VersionsTable versions={data.versions} />
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('disputes.triage.others')}
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {data.otherRecords.length === 0 && (
                <Col span={24}>
                  <Typography.Text type="secondary">
                    {t('disputes.triage.noOthers')}
                  </Typography.Text>
                </Col>
              )}
              {data.otherRecords.map((record) => (
                <Col xs={24} lg={12} key={record.id}>
                  <Card
                    size="small"
                    type="inner"
                    title={`#${record.id} · ${record.period ?? '—'}`}
                    data-testid="triage-other"
                  >
                    <RecordFields content={record.content} category={record.category} />
                  </Card>
                </Col>
              ))}
            </Row>
          </Space>
        )}
      </PageState>
    </Card>
  );
}
