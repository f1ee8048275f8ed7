import { Button, Card, Table, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import { groupLabel } from './labels';
import { setMetrics, STATUS_COLOURS } from './model-metrics';
import type { ModelSummary } from './types';

const fixed = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(3));

/** Every scorecard version with its validation figures. */
export function ModelsPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const loaded = useApi<ModelSummary[]>('/scoring/models');
  return (
    <div data-testid="regulator-models">
      <Typography.Title level={3}>{t('regulator.models.title')}</Typography.Title>
      <Card>
        <PageState loaded={loaded}>
          {(models) => (
            <Table<ModelSummary>
              data-testid="models-table"
              rowKey="id"
              size="small"
              scroll={{ x: 'max-content' }}
              pagination={false}
              dataSource={models}
              columns={[
                {
                  title: t('regulator.models.kind'),
                  dataIndex: 'subjectKind',
                  render: (kind: 'enterprise' | 'person') => t(`regulator.models.kind.${kind}`),
                },
                {
                  title: t('regulator.models.segment'),
                  dataIndex: 'segment',
                  render: (segment: string) => groupLabel(t, locale, segment),
                },
                { title: t('regulator.models.version'), dataIndex: 'version', align: 'right' },
                {
                  title: t('regulator.models.status'),
                  dataIndex: 'status',
                  render: (status: ModelSummary['status']) => (
                    <Tag color={STATUS_COLOURS[status]}>
                      {t(`regulator.models.status.${status}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('regulator.models.testAuc'),
                  align: 'right',
                  render: (_, model) => fixed(setMetrics(model, 'test')?.auc),
                },
                {
                  title: t('regulator.models.testKs'),
                  align: 'right',
                  render: (_, model) => fixed(setMetrics(model, 'test')?.ks),
                },
                {
                  title: t('regulator.models.createdAt'),
                  dataIndex: 'createdAt',
                  render: (at: string) => formatDateTime(at, locale),
                },
                {
                  title: t('common.actions'),
                  render: (_, model) => (
                    <Button
                      size="small"
                      data-testid={`models-open-${model.segment}-${model.version}`}
                      onClick={() => void navigate(`/regulator/models/${model.id}`)}
                    >
                      {t('regulator.models.open')}
                    </Button>
                  ),
                },
              ]}
            />
          )}
        </PageState>
      </Card>
    </div>
  );
}
