import { Alert, Card, Col, Row, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatShare } from '../shared/format';
import { PageState } from '../shared/PageState';
import { ChartCard } from './ChartCard';
import { groupLabel } from './labels';
import { ratesChartOption } from './rates-chart';
import type { FairnessFlag, GroupRates, MarketStatistics } from './types';

/** The API's thresholds (src/monitor/rates.ts): below these a group is not compared. */
const MIN_DECIDED = 20;
const MIN_LOANS = 10;

type Check = 'flagged' | 'compared' | 'tooSmall';

function checkOf(row: GroupRates, flagged: ReadonlySet<string>): Check {
  if (flagged.has(row.group)) return 'flagged';
  return row.decided >= MIN_DECIDED && row.loans >= MIN_LOANS ? 'compared' : 'tooSmall';
}

function FlagsTable({ flags }: { flags: readonly FairnessFlag[] }) {
  const { t, locale } = useI18n();
  if (flags.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('regulator.fairness.noFlags')}
        data-testid="fairness-no-flags"
      />
    );
  }
  const pair = (values: readonly [number, number]) =>
    `${formatShare(values[0])} / ${formatShare(values[1])}`;
  return (
    <Table<FairnessFlag>
      data-testid="fairness-flags"
      size="small"
      rowKey={(flag) => flag.groups.join('|')}
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={[...flags]}
      columns={[
        {
          title: t('regulator.fairness.pair'),
          render: (_, flag) =>
            flag.groups.map((g) => (
              <Tag color="red" key={g}>
                {groupLabel(t, locale, g)}
              </Tag>
            )),
        },
        {
          title: t('regulator.fairness.approvalGap'),
          render: (_, flag) => pair(flag.approvalRates),
        },
        { title: t('regulator.fairness.defaultGap'), render: (_, flag) => pair(flag.defaultRates) },
      ]}
    />
  );
}

function GroupsTable({
  rows,
  flagged,
}: {
  rows: readonly GroupRates[];
  flagged: ReadonlySet<string>;
}) {
  const { t, locale } = useI18n();
  const tags: Record<Check, { colour: string; label: string }> = {
    flagged: { colour: 'red', label: t('regulator.fairness.flagged') },
    compared: { colour: 'green', label: t('regulator.fairness.compared') },
    tooSmall: { colour: 'default', label: t('regulator.fairness.tooSmall') },
  };
  return (
    <Table<GroupRates>
      data-testid="fairness-groups"
      size="small"
      rowKey="group"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={[...rows]}
      rowClassName={(row) => (flagged.has(row.group) ? 'fairness-flagged' : '')}
      onRow={(row) => ({
        'data-flagged': flagged.has(row.group) ? 'true' : 'false',
        style: flagged.has(row.group) ? { background: '#fff1f0' } : {},
      })}
      columns={[
        {
          title: t('regulator.rates.group'),
          dataIndex: 'group',
          render: (group: string) => groupLabel(t, locale, group),
        },
        { title: t('regulator.rates.applications'), dataIndex: 'applications', align: 'right' },
        { title: t('regulator.rates.decided'), dataIndex: 'decided', align: 'right' },
        {
          title: t('regulator.rates.approvalRate'),
          dataIndex: 'approvalRate',
          align: 'right',
          render: (share: number | null) => formatShare(share),
        },
        { title: t('regulator.rates.loans'), dataIndex: 'loans', align: 'right' },
        {
          title: t('regulator.rates.defaultRate'),
          dataIndex: 'defaultRate',
          align: 'right',
          render: (share: number | null) => formatShare(share),
        },
        {
          title: t('regulator.fairness.status'),
          render: (_, row) => {
            const tag = tags[checkOf(row, flagged)];
            return <Tag color={tag.colour}>{tag.label}</Tag>;
          },
        },
      ]}
    />
  );
}

function Fairness({ stats }: { stats: MarketStatistics }) {
  const { t, locale } = useI18n();
  const flags = stats.fairness.byIndustry;
  const flagged = useMemo(() => new Set(flags.flatMap((f) => [...f.groups])), [flags]);
  const option = useMemo(
    () =>
      ratesChartOption(
        stats.byIndustry,
        {
          approvalRate: t('regulator.rates.approvalRate'),
          defaultRate: t('regulator.rates.defaultRate'),
          applications: t('regulator.rates.applications'),
          group: (group) => groupLabel(t, locale, group),
        },
        flagged,
      ),
    [stats.byIndustry, flagged, t, locale],
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24}>
        <Alert
          type="info"
          showIcon
          title={t('regulator.fairness.rule')}
          data-testid="fairness-rule"
        />
      </Col>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('regulator.fairness.flagsTitle')} style={{ height: '100%' }}>
          <FlagsTable flags={flags} />
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <ChartCard
          testId="fairness-chart"
          title={t('regulator.fairness.chartTitle')}
          option={option}
        />
      </Col>
      <Col xs={24}>
        <Card size="small" title={t('regulator.fairness.groupsTitle')}>
          <GroupsTable rows={stats.byIndustry} flagged={flagged} />
        </Card>
      </Col>
    </Row>
  );
}

/** Whether groups that repay alike are approved alike, with the rule spelled out. */
export function FairnessPage() {
  const { t } = useI18n();
  const loaded = useApi<MarketStatistics>('/monitor/statistics');
  return (
    <div data-testid="regulator-fairness">
      <Typography.Title level={3}>{t('regulator.fairness.title')}</Typography.Title>
      <PageState loaded={loaded} isEmpty={(stats) => stats.byIndustry.length === 0}>
        {(stats) => <Fairness stats={stats} />}
      </PageState>
    </div>
  );
}
