import type * as echarts from 'echarts';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Popconfirm,
  Row,
  Space,
  Spin,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, newIdempotencyKey } from '../api/client';
import { useApi } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import { STACK } from './layout';
import { ChartCard } from './ChartCard';
import { groupLabel, percent } from './labels';
import { psiLevel, selectedFeatures, setMetrics, STATUS_COLOURS } from './model-metrics';
import type { ModelStability, ModelSummary } from './types';

const CHARTS = ['roc', 'ks', 'scores'] as const;
type ChartName = (typeof CHARTS)[number];

/**
 * A validation chart: the API's SVG, fetched with the session and shown as an image (an
 * <img> never runs what an SVG might contain).
 */
function SvgChart({ modelId, chart }: { modelId: string; chart: ChartName }) {
  const { t } = useI18n();
  const [state, setState] = useState<{ url?: string; error?: boolean; empty?: boolean }>({});
  useEffect(() => {
    const controller = new AbortController();
    let url: string | undefined;
    api<string>(`/scoring/models/${modelId}/charts/${chart}`, { signal: controller.signal }).then(
      (svg) => {
        if (!svg) return setState({ empty: true });
        url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
        setState({ url });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && error instanceof Error) setState({ error: true });
      },
    );
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [modelId, chart]);
  const title = t(`regulator.models.chart.${chart}`);
  return (
    <Card size="small" title={title} data-testid={`model-chart-${chart}`}>
      {state.url ? (
        <img src={state.url} alt={title} style={{ width: '100%', height: 'auto' }} />
      ) : state.empty || state.error ? (
        <Empty description={t(state.error ? 'state.error' : 'regulator.models.chartMissing')} />
      ) : (
        <Spin />
      )}
    </Card>
  );
}

function Metrics({ model }: { model: ModelSummary }) {
  const { t } = useI18n();
  const sets = (['train', 'test'] as const).flatMap((set) => {
    const metrics = setMetrics(model, set);
    return metrics ? [{ set, ...metrics }] : [];
  });
  return (
    <Table
      size="small"
      rowKey="set"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={sets}
      columns={[
        {
          title: '',
          dataIndex: 'set',
          render: (set: 'train' | 'test') => t(`regulator.models.${set}`),
        },
        { title: t('regulator.models.rows'), dataIndex: 'rows', align: 'right' },
        { title: t('regulator.models.bads'), dataIndex: 'bads', align: 'right' },
        { title: 'AUC', dataIndex: 'auc', align: 'right', render: (v: number) => v.toFixed(3) },
        { title: 'KS', dataIndex: 'ks', align: 'right', render: (v: number) => v.toFixed(3) },
        {
          title: t('regulator.models.gini'),
          dataIndex: 'gini',
          align: 'right',
          render: (v: number) => v.toFixed(3),
        },
      ]}
    />
  );
}

function Stability({ modelId }: { modelId: string }) {
  const { t } = useI18n();
  const loaded = useApi<ModelStability>(`/scoring/models/${modelId}/stability`);
  const option = useMemo((): echarts.EChartsCoreOption | null => {
    const bins = loaded.data?.bins ?? [];
    if (bins.length === 0) return null;
    const band = (b: ModelStability['bins'][number]) =>
      `${b.lower === null ? '−∞' : Math.round(b.lower)}–${b.upper === null ? '∞' : Math.round(b.upper)}`;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: bins.map(band), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: t('regulator.models.expected'),
          type: 'bar',
          data: bins.map((b) => percent(b.expectedShare)),
        },
        {
          name: t('regulator.models.actual'),
          type: 'bar',
          data: bins.map((b) => percent(b.actualShare)),
        },
      ],
    };
  }, [loaded.data, t]);
  return (
    <Card title={t('regulator.models.stabilityTitle')} data-testid="model-stability">
      <PageState loaded={loaded} isEmpty={() => false}>
        {(stability) => {
          const level = stability.psi === null ? null : psiLevel(stability.psi);
          const levelTag = level && (
            <Tag color={{ stable: 'green', watch: 'orange', shift: 'red' }[level]}>
              {t(
                (
                  {
                    stable: 'regulator.models.psiStable',
                    watch: 'regulator.models.psiWatch',
                    shift: 'regulator.models.psiShift',
                  } as const
                )[level],
              )}
            </Tag>
          );
          return (
            <Row gutter={[16, 16]}>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('regulator.models.psi')}
                  value={stability.psi === null ? '—' : stability.psi.toFixed(4)}
                />
                {levelTag}
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('regulator.models.liveScores')} value={stability.liveScores} />
              </Col>
              <Col xs={24} lg={12}>
                <Table
                  size="small"
                  rowKey="feature"
                  pagination={false}
                  scroll={{ x: 'max-content', y: 240 }}
                  title={() => t('regulator.models.csiTitle')}
                  dataSource={[...stability.characteristics].sort((a, b) => b.csi - a.csi)}
                  columns={[
                    { title: t('regulator.models.feature'), dataIndex: 'feature' },
                    {
                      title: t('regulator.models.csi'),
                      dataIndex: 'csi',
                      align: 'right',
                      render: (v: number) => v.toFixed(4),
                    },
                  ]}
                />
              </Col>
              <Col xs={24}>
                <ChartCard
                  testId="model-psi-chart"
                  title={t('regulator.models.psiBins')}
                  option={option}
                  height={260}
                />
              </Col>
            </Row>
          );
        }}
      </PageState>
    </Card>
  );
}

/** The operator makes a trained version the segment's active one; the regulator only reads. */
function Activate({ model, onDone }: { model: ModelSummary; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  if (model.status !== 'trained') return null;
  const activate = async () => {
    setBusy(true);
    try {
      await api(`/scoring/models/${model.id}/activate`, { method: 'POST', idempotencyKey: key });
      setKey(newIdempotencyKey());
      void message.success(t('regulator.models.activated'));
      onDone();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm title={t('regulator.models.activateConfirm')} onConfirm={() => void activate()}>
      <Button type="primary" loading={busy} data-testid="model-activate">
        {t('regulator.models.activate')}
      </Button>
    </Popconfirm>
  );
}

function ModelView({ model, reload }: { model: ModelSummary; reload: () => void }) {
  const { t, locale } = useI18n();
  const user = useUser();
  const features = selectedFeatures(model);
  return (
    <div style={STACK}>
      <Card
        title={
          <Space wrap>
            {t('regulator.models.detailTitle', {
              segment: groupLabel(t, locale, model.segment),
              version: model.version,
            })}
            <Tag color={STATUS_COLOURS[model.status]}>
              {t(`regulator.models.status.${model.status}`)}
            </Tag>
          </Space>
        }
        extra={user.role === 'operator' ? <Activate model={model} onDone={reload} /> : null}
      >
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
          items={[
            {
              key: 'kind',
              label: t('regulator.models.kind'),
              children: t(`regulator.models.kind.${model.subjectKind}`),
            },
            {
              key: 'created',
              label: t('regulator.models.createdAt'),
              children: formatDateTime(model.createdAt, locale),
            },
            {
              key: 'activated',
              label: t('regulator.models.activatedAt'),
              children: formatDateTime(model.activatedAt, locale),
            },
            { key: 'by', label: t('regulator.models.createdBy'), children: model.createdBy },
            {
              key: 'hash',
              label: t('regulator.models.dataHash'),
              children: (
                <Typography.Text code copyable={{ text: model.trainingDataHash }}>
                  {model.trainingDataHash.slice(0, 16)}…
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('regulator.models.metricsTitle')} data-testid="model-metrics">
        <Metrics model={model} />
      </Card>
      <Typography.Title level={5}>{t('regulator.models.chartsTitle')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {CHARTS.map((chart) => (
          <Col xs={24} md={12} xl={8} key={chart}>
            <SvgChart modelId={model.id} chart={chart} />
          </Col>
        ))}
      </Row>
      <Card title={t('regulator.models.featuresTitle')}>
        <Table
          size="small"
          rowKey="feature"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={features}
          columns={[
            { title: t('regulator.models.feature'), dataIndex: 'feature' },
            {
              title: t('regulator.models.iv'),
              dataIndex: 'iv',
              align: 'right',
              render: (iv: number) => iv.toFixed(3),
            },
          ]}
        />
      </Card>
      <Stability modelId={model.id} />
    </div>
  );
}

export function ModelPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const loaded = useApi<ModelSummary>(`/scoring/models/${id}`);
  return (
    <div data-testid="regulator-model">
      <Button
        type="link"
        icon={<ArrowLeftOutlined />}
        style={{ paddingLeft: 0 }}
        onClick={() => void navigate('/regulator/models')}
      >
        {t('regulator.models.back')}
      </Button>
      <PageState loaded={loaded} isEmpty={() => false}>
        {(model) => <ModelView model={model} reload={loaded.reload} />}
      </PageState>
    </div>
  );
}
