import { Alert, Card, Col, Empty, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { formatDate } from '../shared/format';
import { PageState } from '../shared/PageState';
import { CONSENT_CATEGORIES } from './consent-api';
import { useLabel } from './labels';
import { ScoreCard, ScoreHistoryCard } from './ScorePanels';
import type { Feature, Profile } from './types';

/** Home of the borrower: score with reasons, its history, every feature with its sources. */
export function ProfilePage() {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('borrower.profile.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ScoreCard />
        </Col>
        <Col xs={24} lg={12}>
          <ScoreHistoryCard />
        </Col>
      </Row>
      <FeaturesCard />
    </Space>
  );
}

const categoryOf = (feature: Feature) => feature.categories[0] ?? 'other';

/** Categories in the order consents list them; unknown ones last. */
const categoryRank = (category: string) => {
  const rank = (CONSENT_CATEGORIES as readonly string[]).indexOf(category);
  return rank < 0 ? CONSENT_CATEGORIES.length : rank;
};

/** What the borrower has data for first, then by category, as the catalogue orders them. */
const featureOrder = (a: Feature, b: Feature) =>
  Number(b.sourceCount > 0) - Number(a.sourceCount > 0) ||
  categoryRank(categoryOf(a)) - categoryRank(categoryOf(b));

function FeaturesCard() {
  const { t, locale } = useI18n();
  const loaded = useApi<Profile>('/me/profile');
  if (loaded.error?.status === 404) {
    return (
      <Card title={t('borrower.profile.features')}>
        <Empty description={t('borrower.profile.noProfile')} data-testid="profile-no-profile" />
      </Card>
    );
  }
  return (
    <Card
      title={t('borrower.profile.features')}
      extra={
        loaded.data && (
          <Typography.Text type="secondary">
            {t('borrower.profile.profileAsOf', {
              date: formatDate(loaded.data.asOf, locale),
              count: loaded.data.recordCount,
            })}
          </Typography.Text>
        )
      }
    >
      <PageState loaded={loaded}>{(profile) => <FeatureTable profile={profile} />}</PageState>
    </Card>
  );
}

function FeatureTable({ profile }: { profile: Profile }) {
  const { t, locale } = useI18n();
  const label = useLabel();
  const [category, setCategory] = useState<string>('all');
  const [query, setQuery] = useState('');
  const disputed = useMemo(
    () => new Set(profile.recordsUnderObjection),
    [profile.recordsUnderObjection],
  );
  const categories = useMemo(() => {
    const counts = new Map<string, number>();
    for (const feature of profile.features) {
      counts.set(categoryOf(feature), (counts.get(categoryOf(feature)) ?? 0) + 1);
    }
    return [...counts.entries()].sort(([a], [b]) => categoryRank(a) - categoryRank(b));
  }, [profile.features]);
  const rows = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return profile.features
      .filter((feature) => category === 'all' || categoryOf(feature) === category)
      .filter(
        (feature) =>
          !needle ||
          feature.label.toLowerCase().includes(needle) ||
          feature.name.toLowerCase().includes(needle) ||
          feature.display.toLowerCase().includes(needle),
      )
      .sort(featureOrder);
  }, [profile.features, category, query]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {profile.recordsUnderObjection.length > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="profile-objection-notice"
          title={t('borrower.profile.objectionNotice', {
            count: profile.recordsUnderObjection.length,
          })}
        />
      )}
      <Row gutter={[8, 8]}>
        <Col xs={24} md={10}>
          <Select
            style={{ width: '100%' }}
            value={category}
            onChange={setCategory}
            data-testid="profile-category"
            aria-label={t('borrower.profile.category')}
            options={[
              {
                value: 'all',
                label: `${t('borrower.profile.allCategories')} (${profile.features.length})`,
              },
              ...categories.map(([value, count]) => ({
                value,
                label: `${label('borrower.category', value)} (${count})`,
              })),
            ]}
          />
        </Col>
        <Col xs={24} md={14}>
          <Input.Search
            allowClear
            placeholder={t('borrower.profile.search')}
            aria-label={t('borrower.profile.search')}
            onChange={(event) => setQuery(event.target.value)}
            data-testid="profile-search"
          />
        </Col>
      </Row>
      <Table<Feature>
        rowKey="name"
        size="small"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        data-testid="profile-features"
        expandable={{
          rowExpandable: (feature) => feature.sources.length > 0,
          expandedRowRender: (feature) => (
            <Space wrap size={[4, 4]}>
              {feature.sources.map((id) => (
                <Tag key={id} color={disputed.has(id) ? 'orange' : 'default'}>
                  <Link to={`/borrower/records/${id}`} data-testid="feature-source">
                    <Typography.Text code style={{ fontSize: 12 }}>
                      {id}
                    </Typography.Text>
                  </Link>
                  {disputed.has(id) && ` · ${t('borrower.profile.underObjection')}`}
                </Tag>
              ))}
            </Space>
          ),
        }}
        columns={[
          {
            key: 'category',
            title: t('borrower.profile.category'),
            render: (_, feature) => <Tag>{label('borrower.category', categoryOf(feature))}</Tag>,
          },
          {
            key: 'feature',
            title: t('borrower.profile.feature'),
            render: (_, feature) => (
              <span>
                {feature.label}{' '}
                {feature.underObjection && (
                  <Tag color="orange" data-testid="feature-under-objection">
                    {t('borrower.profile.underObjection')}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            key: 'value',
            title: t('borrower.profile.value'),
            render: (_, feature) => feature.display,
          },
          {
            key: 'sources',
            title: t('borrower.profile.sources'),
            render: (_, feature) =>
              feature.sourceCount > 0
                ? t('borrower.profile.sourceCount', { count: feature.sourceCount })
                : t('borrower.profile.noSources'),
          },
          {
            key: 'asOf',
            title: t('borrower.profile.asOf'),
            render: (_, feature) => formatDate(feature.asOf, locale),
          },
        ]}
      />
    </Space>
  );
}
