import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useI18n } from '../app/i18n';
import { enumLabel } from './labels';
import type { DryRunReport, DryRunSide, PastDecisionInput, RuleVersion } from './types';

type CaseRow = DryRunReport['cases'][number];

const PAST_LIMIT = 500;

function SideCell({ side }: { side: DryRunSide }) {
  const { t } = useI18n();
  if ('error' in side) return <Tag color="red">{t('lender.dryRun.error')}</Tag>;
  return (
    <Space orientation="vertical" size={0}>
      <Tag
        color={
          side.outcome.decision === 'approve'
            ? 'green'
            : side.outcome.decision === 'decline'
              ? 'red'
              : 'gold'
        }
      >
        {enumLabel(t, 'outcome', side.outcome.decision)}
      </Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {side.outcome.reasons.join(', ')}
      </Typography.Text>
    </Space>
  );
}

function change(t: ReturnType<typeof useI18n>['t'], row: CaseRow) {
  if (row.flipped) return <Tag color="volcano">{t('lender.dryRun.flipped')}</Tag>;
  if (row.termsChanged) return <Tag color="orange">{t('lender.dryRun.termsChanged')}</Tag>;
  if (row.reasonsChanged) return <Tag color="gold">{t('lender.dryRun.reasonsChanged')}</Tag>;
  if ('error' in row.current || 'error' in row.candidate)
    return <Tag color="red">{t('lender.dryRun.error')}</Tag>;
  return <Tag>{t('lender.dryRun.unchanged')}</Tag>;
}

function Report({
  report,
  applicationOf,
}: {
  report: DryRunReport;
  applicationOf: Map<string, string>;
}) {
  const { t } = useI18n();
  const [onlyChanged, setOnlyChanged] = useState(true);
  const rows = onlyChanged
    ? report.cases.filter(
        (c) => c.flipped || c.termsChanged || c.reasonsChanged || 'error' in c.candidate,
      )
    : report.cases;
  const { counts } = report;
  return (
    <div data-testid="dry-run-report">
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(
          [
            ['total', counts.total],
            ['flipped', counts.flipped],
            ['termsChanged', counts.termsChanged],
            ['reasonsChanged', counts.reasonsChanged],
            ['unchanged', counts.unchanged],
            ['errors', counts.errors],
          ] as const
        ).map(([name, value]) => (
          <Col xs={12} md={4} key={name}>
            <Statistic
              title={t(`lender.dryRun.count.${name}`)}
              value={value}
              data-testid={`dry-run-count-${name}`}
            />
          </Col>
        ))}
      </Row>
      <Space style={{ marginBottom: 8 }}>
        <Switch
          checked={onlyChanged}
          onChange={setOnlyChanged}
          data-testid="dry-run-only-changed"
        />
        <span>{t('lender.dryRun.onlyChanged')}</span>
      </Space>
      <Table<CaseRow>
        rowKey="id"
        size="small"
        data-testid="dry-run-cases"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('lender.dryRun.noChanges') }}
        columns={[
          {
            title: t('lender.dryRun.case'),
            dataIndex: 'id',
            render: (id: string) => {
              const applicationId = applicationOf.get(id);
              return applicationId ? (
                <Link to={`/lender/applications/${applicationId}`}>
                  {applicationId.slice(0, 8)}
                </Link>
              ) : (
                id
              );
            },
          },
          {
            title: t('lender.dryRun.current'),
            render: (_, row) => <SideCell side={row.current} />,
          },
          {
            title: t('lender.dryRun.candidate'),
            render: (_, row) => <SideCell side={row.candidate} />,
          },
          { title: t('lender.dryRun.change'), render: (_, row) => change(t, row) },
        ]}
      />
    </div>
  );
}

/**
 * Runs a draft next to the published version of its rule set on the bank's past automated
 * decisions, or on cases from a file (`[{ id, input }]`, the API's shape), and lists what
 * would flip.
 */
export function DryRunPanel({ version }: { version: RuleVersion }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [report, setReport] = useState<DryRunReport | null>(null);
  const [applicationOf, setApplicationOf] = useState(new Map<string, string>());
  const [problem, setProblem] = useState<string | null>(null);
  const [nothing, setNothing] = useState(false);
  const [running, setRunning] = useState(false);

  const dryRun = async (cases: readonly { id: string; input: unknown }[]) => {
    const answer = await api<DryRunReport>(`/rules/versions/${version.id}/dry-run`, {
      body: { cases },
    });
    setReport(answer);
    void message.info(
      t('lender.dryRun.done', { flipped: answer.counts.flipped, total: answer.counts.total }),
    );
  };

  const attempt = async (work: () => Promise<void>) => {
    setRunning(true);
    setProblem(null);
    setNothing(false);
    try {
      await work();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setRunning(false);
    }
  };

  const runOnPast = () =>
    attempt(async () => {
      const past = await api<PastDecisionInput[]>(`/loans/decision-inputs?limit=${PAST_LIMIT}`);
      if (past.length === 0) {
        setReport(null);
        setNothing(true);
        return;
      }
      setApplicationOf(new Map(past.map((p) => [p.id, p.applicationId])));
      await dryRun(past.map((p) => ({ id: p.id, input: p.input })));
    });

  const runOnFile = (file: File) =>
    attempt(async () => {
      let cases: unknown;
      try {
        cases = JSON.parse(await file.text());
      } catch {
        throw new Error(t('lender.rules.notJson'));
      }
      if (!Array.isArray(cases)) throw new Error(t('lender.dryRun.casesShape'));
      setApplicationOf(new Map());
      await dryRun(cases as { id: string; input: unknown }[]);
    });

  return (
    <Card title={t('lender.dryRun.title')} style={{ marginBottom: 16 }} data-testid="dry-run">
      <Typography.Paragraph type="secondary">
        {t('lender.dryRun.help', { limit: PAST_LIMIT })}
      </Typography.Paragraph>
      <Space wrap>
        <Button
          type="primary"
          loading={running}
          onClick={() => void runOnPast()}
          data-testid="dry-run-start"
        >
          {t('lender.dryRun.start')}
        </Button>
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            void runOnFile(file);
            return false;
          }}
        >
          <Button loading={running} data-testid="dry-run-file">
            {t('lender.dryRun.fromFile')}
          </Button>
        </Upload>
      </Space>
      {problem ? (
        <Alert
          type="error"
          showIcon
          title={problem}
          style={{ marginTop: 16 }}
          data-testid="dry-run-error"
        />
      ) : null}
      {nothing ? (
        <Empty
          description={t('lender.dryRun.noPast')}
          style={{ marginTop: 16 }}
          data-testid="dry-run-nothing"
        />
      ) : null}
      {report ? (
        <div style={{ marginTop: 16 }}>
          <Report report={report} applicationOf={applicationOf} />
        </div>
      ) : null}
    </Card>
  );
}
