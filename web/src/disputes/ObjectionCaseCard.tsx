import { Card, Descriptions, Space } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../app/i18n';
import { formatDateTime } from '../shared/format';
import { Countdown, EvidenceList, ObjectionStatusTag, ObjectionSteps } from './parts';
import type { Objection } from './types';

/**
 * The case as its borrower and the staff both see it: status, steps, deadline, record, reason
 * and evidence. Staff also see the feature objected to (`showFeature`) and, after the
 * evidence, what the case has gathered since (`more`: Descriptions items).
 */
export function ObjectionCaseCard({
  objection,
  back,
  showFeature = false,
  more,
}: {
  objection: Objection;
  back: ReactNode;
  showFeature?: boolean;
  more?: ReactNode;
}) {
  const { t, locale } = useI18n();
  return (
    <Card
      title={
        <Space wrap>
          {t('disputes.case.title')}
          <ObjectionStatusTag status={objection.status} />
        </Space>
      }
      extra={back}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <ObjectionSteps status={objection.status} />
        <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 3 }}>
          <Descriptions.Item label={t('disputes.field.deadline')}>
            <Countdown objection={objection} />
          </Descriptions.Item>
          <Descriptions.Item label={t('common.createdAt')}>
            {formatDateTime(objection.createdAt, locale)}
          </Descriptions.Item>
          <Descriptions.Item label={t('disputes.field.record')}>
            #{objection.recordId}
          </Descriptions.Item>
          <Descriptions.Item label={t('disputes.field.reason')} span={3}>
            {objection.reason}
          </Descriptions.Item>
          {showFeature && objection.feature && (
            <Descriptions.Item label={t('disputes.field.feature')} span={3}>
              {objection.feature}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('disputes.field.evidence')} span={3}>
            <EvidenceList ids={objection.evidenceDocumentIds} />
          </Descriptions.Item>
          {more}
        </Descriptions>
      </Space>
    </Card>
  );
}
