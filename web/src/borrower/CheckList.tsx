import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useI18n } from '../app/i18n';
import { formatDate } from '../shared/format';
import { useLabel, useLocalText } from './labels';
import type { CheckProblem, CheckResult, Fix } from '../api/loans';

const OUTCOME_COLOURS: Readonly<Record<CheckResult['outcome'], string>> = {
  pass: 'green',
  fail: 'red',
  unavailable: 'gold',
};

const FIX_COLOURS: Readonly<Record<string, string>> = {
  correct_field: 'blue',
  wait_for_source: 'gold',
  upload_proof: 'purple',
  contact_provider: 'cyan',
  file_objection: 'orange',
};

/**
 * Each check with its outcome, source and as-of date, and for each problem what is wrong,
 * which field or source, and how to fix it (correct a field, wait, upload proof …).
 */
export function CheckList({ checks }: { checks: readonly CheckResult[] }) {
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="check-list">
      {checks.map((check) => (
        <CheckCard key={check.check} check={check} />
      ))}
    </Space>
  );
}

function CheckCard({ check }: { check: CheckResult }) {
  const { t, locale } = useI18n();
  const label = useLabel();
  return (
    <Card
      size="small"
      data-testid={`check-${check.check}`}
      data-outcome={check.outcome}
      title={
        <Space wrap>
          <span>{label('borrower.check', check.check)}</span>
          <Tag color={OUTCOME_COLOURS[check.outcome]} data-testid="check-outcome">
            {label('borrower.checkOutcome', check.outcome)}
          </Tag>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
        {t('borrower.checks.source')}: {label('borrower.category', check.source)} ·{' '}
        {t('borrower.checks.asOf')} {formatDate(check.asOf, locale)}
      </Typography.Paragraph>
      {check.problems.length === 0 ? (
        <Typography.Text type="secondary">{t('borrower.checks.noProblems')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {check.problems.map((problem, index) => (
            <ProblemView key={`${problem.code}-${index}`} problem={problem} />
          ))}
        </Space>
      )}
    </Card>
  );
}

function fieldLabel(field: string, label: ReturnType<typeof useLabel>) {
  return field.startsWith('source:')
    ? label('borrower.category', field.slice('source:'.length))
    : label('borrower.field', field);
}

function ProblemView({ problem }: { problem: CheckProblem }) {
  const { t } = useI18n();
  const label = useLabel();
  const text = useLocalText();
  return (
    <div data-testid="check-problem" data-code={problem.code} data-field={problem.field ?? ''}>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'what',
            label: t('borrower.checks.whatIsWrong'),
            children: <span data-testid="check-problem-message">{text(problem.message)}</span>,
          },
          ...(problem.field
            ? [
                {
                  key: 'field',
                  label: t('borrower.checks.field'),
                  children: <Tag>{fieldLabel(problem.field, label)}</Tag>,
                },
              ]
            : []),
          {
            key: 'fix',
            label: t('borrower.checks.howToFix'),
            children: <FixView fix={problem.fix} />,
          },
          ...(problem.alternatives && problem.alternatives.length > 0
            ? [
                {
                  key: 'alternatives',
                  label: t('borrower.checks.alternatives'),
                  children: (
                    <Space orientation="vertical" size={4}>
                      {problem.alternatives.map((fix) => (
                        <FixView key={fix.action} fix={fix} />
                      ))}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

function FixView({ fix }: { fix: Fix }) {
  const { t } = useI18n();
  const label = useLabel();
  const text = useLocalText();
  return (
    <Space orientation="vertical" size={2}>
      <span>
        <Tag color={FIX_COLOURS[fix.action] ?? 'default'} data-testid="check-fix-action">
          {label('borrower.fix', fix.action)}
        </Tag>
        {text(fix.message)}
        {fix.retryAfterSeconds !== undefined && (
          <Typography.Text type="secondary">
            {' '}
            ({t('borrower.checks.retryIn', { minutes: Math.ceil(fix.retryAfterSeconds / 60) })})
          </Typography.Text>
        )}
      </span>
      {fix.proofKinds && fix.proofKinds.length > 0 && (
        <span>
          <Typography.Text type="secondary">{t('borrower.checks.proofKinds')}: </Typography.Text>
          {fix.proofKinds.map((kind) => (
            <Tag key={kind}>{label('borrower.proof', kind)}</Tag>
          ))}
        </span>
      )}
    </Space>
  );
}
