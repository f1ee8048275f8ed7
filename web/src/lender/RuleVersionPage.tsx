import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useApi } from '../api/use-api';
import { useUser } from '../app/auth';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { PageState } from '../shared/PageState';
import { DecisionTables } from './DecisionTables';
import { DryRunPanel } from './DryRunPanel';
import { exportJdm, PublishButton } from './RulesPage';
import type { RuleVersionWithJdm } from './types';

/** One rule version: its decision tables, export, and for a draft the dry-run and publishing. */
export function RuleVersionPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const user = useUser();
  const version = useApi<RuleVersionWithJdm>(`/rules/versions/${id}`);
  return (
    <PageState loaded={version} isEmpty={() => false}>
      {(v) => (
        <>
          <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {v.name} v{v.version}{' '}
              <Tag
                color={v.status === 'published' ? 'green' : 'gold'}
                data-testid="rule-version-status"
              >
                {v.status === 'published' ? t('lender.rules.published') : t('lender.rules.draft')}
              </Tag>
            </Typography.Title>
            <Space wrap>
              <Button onClick={() => void exportJdm(v)} data-testid="rule-version-export">
                {t('lender.rules.export')}
              </Button>
              {user.role === 'lender_admin' && v.status === 'draft' ? (
                <PublishButton version={v} onDone={version.reload} />
              ) : null}
            </Space>
          </Space>
          <Card style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
              <Descriptions.Item label={t('lender.rules.hash')}>
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {v.jdmHash}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('common.createdAt')}>
                {formatDateTime(v.createdAt, locale)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lender.rules.publishedAt')}>
                {formatDateTime(v.publishedAt, locale)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {v.status === 'draft' ? <DryRunPanel version={v} /> : null}
          <Typography.Title level={4}>{t('lender.tables.title')}</Typography.Title>
          <DecisionTables jdm={v.jdm} />
        </>
      )}
    </PageState>
  );
}
