import { Card, Col, Descriptions, Empty, Row, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { EChart } from '../shared/EChart';
import { formatDateTime, formatShare } from '../shared/format';
import { PageState } from '../shared/PageState';
import type { Score, ScoreHistory } from './types';

const GRADE_COLOURS: Readonly<Record<string, string>> = {
  A: 'green',
  B: 'cyan',
  C: 'gold',
  D: 'orange',
  E: 'red',
};

/** The current score, grade, probability of default and the reasons worded by the API. */
export function ScoreCard() {
  const { t, locale } = useI18n();
  const loaded = useApi<Score>('/me/score');
  // No score yet is a state of the borrower, not a failure of the page.
  if (loaded.error?.status === 404) {
    return (
      <Card title={t('borrower.profile.score')}>
        <Empty description={t('borrower.profile.noScore')} data-testid="profile-no-score" />
      </Card>
    );
  }
  return (
    <Card title={t('borrower.profile.score')} data-testid="profile-score">
      <PageState loaded={loaded}>
        {(score) => (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={12} md={8}>
                <Statistic
                  title={t('borrower.profile.score')}
                  value={score.score}
                  data-testid="profile-score-value"
                />
              </Col>
              <Col xs={12} md={8}>
                <div className="ant-statistic-title" style={{ color: 'rgba(0,0,0,0.45)' }}>
                  {t('borrower.profile.grade')}
                </div>
                <Tag
                  color={GRADE_COLOURS[score.grade] ?? 'default'}
                  style={{ fontSize: 22, lineHeight: '34px', padding: '0 12px', margin: '4px 0' }}
                  data-testid="profile-grade"
                >
                  {score.grade}
                </Tag>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('borrower.profile.gradeDescription')}
                </Typography.Text>
              </Col>
              <Col xs={24} md={8}>
                <Statistic
                  title={t('borrower.profile.pd')}
                  value={formatShare(score.probabilityOfDefault)}
                />
              </Col>
            </Row>
            <Descriptions
              size="small"
              style={{ marginTop: 16 }}
              column={{ xs: 1, sm: 1, md: 2, lg: 2 }}
              items={[
                {
                  key: 'at',
                  label: t('borrower.profile.scoredAt'),
                  children: formatDateTime(score.computedAt, locale),
                },
                {
                  key: 'model',
                  label: t('borrower.profile.model'),
                  children: t('borrower.profile.modelVersion', {
                    segment: score.model.segment,
                    version: score.model.version,
                  }),
                },
              ]}
            />
            <Typography.Title level={5}>{t('borrower.profile.reasons')}</Typography.Title>
            {score.reasons.length === 0 ? (
              <Typography.Text type="secondary">{t('borrower.profile.noReasons')}</Typography.Text>
            ) : (
              <ol style={{ paddingInlineStart: 20, margin: 0 }} data-testid="profile-reasons">
                {score.reasons.map((reason) => (
                  <li key={reason.feature}>{reason.text}</li>
                ))}
              </ol>
            )}
          </>
        )}
      </PageState>
    </Card>
  );
}

/** The borrower's scores over time as a line (oldest on the left). */
export function ScoreHistoryCard() {
  const { t, locale } = useI18n();
  const loaded = useApi<ScoreHistory>('/me/score/history');
  return (
    <Card title={t('borrower.profile.history')} data-testid="profile-history">
      <PageState
        loaded={loaded}
        isEmpty={(history) => history.scores.length === 0}
        empty={<Empty description={t('borrower.profile.noHistory')} />}
      >
        {(history) => <HistoryChart history={history} locale={locale} />}
      </PageState>
    </Card>
  );
}

function HistoryChart({ history, locale }: { history: ScoreHistory; locale: 'zh-CN' | 'en' }) {
  const { t } = useI18n();
  const option = useMemo(() => {
    const points = [...history.scores].reverse();
    return {
      grid: { left: 48, right: 16, top: 24, bottom: 48 },
      tooltip: { trigger: 'axis' },
      xAxis: {
        type: 'category',
        data: points.map((p) => formatDateTime(p.computedAt, locale)),
        axisLabel: { hideOverlap: true },
      },
      yAxis: { type: 'value', scale: true, name: t('borrower.profile.score') },
      series: [
        {
          type: 'line',
          name: t('borrower.profile.score'),
          data: points.map((p) => ({ value: p.score, grade: p.grade })),
          smooth: false,
          symbolSize: 8,
          label: { show: points.length <= 12, formatter: '{c}' },
        },
      ],
    };
  }, [history, locale, t]);
  return <EChart option={option} height={280} label={t('borrower.profile.historyChart')} />;
}
