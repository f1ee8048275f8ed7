import { Button, Card, Descriptions, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import type { Application } from '../api/loans';
import { useI18n } from '../app/i18n';

interface PersonView {
  readonly name: string;
  readonly idNumber: string;
}

/**
 * Who applied. An enterprise is public: its name and USCC. A person's identity is read on
 * request only, through the registry (the borrower's consent to this bank, masked, every
 * read in the audit trail), so opening the page reads nothing personal.
 */
export function ApplicantCard({ application }: { application: Application }) {
  const { t } = useI18n();
  const { applicant } = application;
  const [person, setPerson] = useState<PersonView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const readIdentity = async () => {
    setReading(true);
    setProblem(null);
    try {
      setPerson(
        await api<PersonView>(`/registry/persons/${applicant.id}?purpose=loan_application`),
      );
    } catch (error) {
      setProblem(error instanceof ApiError ? error.message : String(error));
    } finally {
      setReading(false);
    }
  };
  return (
    <Card title={t('lender.app.applicant')} style={{ marginBottom: 16 }} data-testid="applicant">
      {applicant.kind === 'enterprise' ? (
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('lender.app.applicantName')}>
            {applicant.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('lender.app.applicantUscc')}>
            {applicant.uscc}
          </Descriptions.Item>
        </Descriptions>
      ) : person ? (
        <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="applicant-person">
          <Descriptions.Item label={t('lender.app.applicantName')}>{person.name}</Descriptions.Item>
          <Descriptions.Item label={t('lender.app.applicantIdNumber')}>
            {person.idNumber}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('lender.app.personHidden')}
          </Typography.Paragraph>
          <Button
            onClick={() => void readIdentity()}
            loading={reading}
            data-testid="applicant-read"
          >
            {t('lender.app.readIdentity')}
          </Button>
          {problem ? <Typography.Paragraph type="danger">{problem}</Typography.Paragraph> : null}
        </>
      )}
    </Card>
  );
}
