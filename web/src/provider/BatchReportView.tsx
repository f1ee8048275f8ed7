import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { download } from '../api/client';
import { useI18n, type Translate } from '../app/i18n';
import type { MessageKey } from '../i18n/messages';
import { EChart } from '../shared/EChart';
import { formatDateTime } from '../shared/format';
import { categoryLabel, reasonLabel } from './labels';
import type { BatchReport } from './types';

const SOURCE_KEYS: Readonly<Record<string, MessageKey>> = {
  api: 'provider.source.api',
  file: 'provider.source.file',
  cli: 'provider.source.cli',
  resubmission: 'provider.source.resubmission',
};

export const sourceLabel = (t: Translate, source: string) => {
  const key = SOURCE_KEYS[source];
  return key ? t(key) : source;
};

const STATUS_COLOURS = { running: 'processing', completed: 'success', failed: 'error' } as const;

export function BatchStatusTag({ status }: { status: BatchReport['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={STATUS_COLOURS[status]} data-testid="batch-status">
      {t(`provider.batchStatus.${status}`)}
    </Tag>
  );
}

/** Saves a batch's quarantined records as the JSON Lines file the API serves. */
export function QuarantineDownload({ batchId }: { batchId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return (
    <Button
      icon={<DownloadOutlined />}
      data-testid="quarantine-download"
      onClick={() =>
        void download(
          `/ingest/batches/${batchId}/quarantine.jsonl`,
          `quarantine-${batchId}.jsonl`,
        ).catch((error: unknown) => message.error(String((error as Error).message)))
      }
    >
      {t('provider.quarantine.download')}
    </Button>
  );
}

/** A batch's report: read = accepted + unchanged + quarantined, new versions, the reasons. */
export function BatchReportView({ report }: { report: BatchReport }) {
  const { t, locale } = useI18n();
  const reasons = useMemo(
    () =>
      Object.entries(report.quarantinedByReason)
        .map(([code, count]) => ({ code, count, label: reasonLabel(t, code) }))
        .sort((a, b) => b.count - a.count),
    [report.quarantinedByReason, t],
  );
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: reasons.map((r) => r.label), inverse: true },
      series: [{ type: 'bar', data: reasons.map((r) => r.count), itemStyle: { color: '#c8102e' } }],
    }),
    [reasons],
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {report.failure && (
        <Alert
          type="error"
          showIcon
          title={t('provider.report.failed')}
          description={`${report.failure.code}: ${report.failure.detail ?? ''}`}
        />
      )}
      <Card size="small">
        <Row gutter={[16, 16]} data-testid="batch-report">
          <Col xs={12} md={8} lg={4}>
            <Statistic title={t('provider.report.read')} value={report.read} />
            <span data-testid="report-read" hidden>
              {report.read}
            </span>
          </Col>
          <Col xs={12} md={8} lg={4}>
            <Statistic title={t('provider.report.accepted')} value={report.accepted} />
            <span data-testid="report-accepted" hidden>
              {report.accepted}
            </span>
          </Col>
          <Col xs={12} md={8} lg={4}>
            <Statistic title={t('provider.report.newVersions')} value={report.newVersions} />
          </Col>
          <Col xs={12} md={8} lg={4}>
            <Statistic title={t('provider.report.unchanged')} value={report.unchanged} />
            <span data-testid="report-unchanged" hidden>
              {report.unchanged}
            </span>
          </Col>
          <Col xs={12} md={8} lg={4}>
            <Statistic
              title={t('provider.report.quarantined')}
              value={report.quarantined}
              prefix={report.quarantined > 0 ? <WarningOutlined /> : null}
              styles={{ content: report.quarantined > 0 ? { color: '#c8102e' } : {} }}
            />
            <span data-testid="report-quarantined" hidden>
              {report.quarantined}
            </span>
          </Col>
        </Row>
        <div style={{ marginTop: 12 }} data-testid="report-equation">
          {t('provider.report.equation', {
            read: report.read,
            accepted: report.accepted,
            unchanged: report.unchanged,
            quarantined: report.quarantined,
          })}
        </div>
      </Card>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
        <Descriptions.Item label={t('provider.batch.category')}>
          {categoryLabel(t, report.category)}
        </Descriptions.Item>
        <Descriptions.Item label={t('common.status')}>
          <BatchStatusTag status={report.status} />
        </Descriptions.Item>
        <Descriptions.Item label={t('provider.batch.source')}>
          {sourceLabel(t, report.source)}
        </Descriptions.Item>
        <Descriptions.Item label={t('provider.batch.file')}>
          {report.fileName ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('common.createdAt')}>
          {formatDateTime(report.createdAt, locale)}
        </Descriptions.Item>
        <Descriptions.Item label={t('provider.batch.completedAt')}>
          {formatDateTime(report.completedAt, locale)}
        </Descriptions.Item>
      </Descriptions>
      {reasons.length > 0 && (
        <Card
          size="small"
          title={t('provider.report.byReason')}
          extra={
            <Space wrap>
              <Link to={`/provider/quarantine?batch=${report.id}`} data-testid="open-quarantine">
                {t('provider.report.openQuarantine')}
              </Link>
              <QuarantineDownload batchId={report.id} />
            </Space>
          }
        >
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              <EChart
                option={option}
                height={Math.max(160, reasons.length * 36)}
                label={t('provider.report.byReason')}
              />
            </Col>
            <Col xs={24} lg={10}>
              <Table
                size="small"
                rowKey="code"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={reasons}
                data-testid="reason-table"
                columns={[
                  { title: t('provider.quarantine.reason'), dataIndex: 'label' },
                  { title: t('provider.quarantine.code'), dataIndex: 'code' },
                  { title: t('provider.report.count'), dataIndex: 'count', align: 'right' },
                ]}
              />
            </Col>
          </Row>
        </Card>
      )}
    </Space>
  );
}
