import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useI18n } from '../app/i18n';
import { RecordVersions } from './BorrowerObjectionPage';

/** A record about the borrower, every version of it, and the way to object to it. */
export function BorrowerRecordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <RecordVersions recordId={id} />
      <Button
        type="primary"
        icon={<ExclamationCircleOutlined />}
        onClick={() => void navigate(`/borrower/objections/new?record=${id}`)}
        data-testid="record-object"
      >
        {t('disputes.record.object')}
      </Button>
    </Space>
  );
}
