import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/use-api';
import { useI18n } from '../app/i18n';
import { PageState } from '../shared/PageState';
import {
  allPassed,
  verifyReceipt,
  type LedgerReceipt,
  type VerificationStep,
} from './ledger-verify';

type Verdict = { steps: VerificationStep[] } | { badJson: true } | null;

function Steps({ steps }: { steps: readonly VerificationStep[] }) {
  const { t } = useI18n();
  return (
    <ol style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
      {steps.map((step) => (
        <li
          key={step.step}
          data-testid={`ledger-step-${step.step}`}
          data-ok={step.ok ? 'true' : 'false'}
          style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}
        >
          {step.ok ? (
            <CheckCircleFilled style={{ color: '#389e0d', marginTop: 4 }} />
          ) : (
            <CloseCircleFilled style={{ color: '#cf1322', marginTop: 4 }} />
          )}
          <div style={{ minWidth: 0 }}>
            <div>
              {t(`regulator.ledger.step.${step.step}`)}{' '}
              <Tag color={step.ok ? 'green' : 'red'}>
                {t(step.ok ? 'regulator.ledger.pass' : 'regulator.ledger.fail')}
              </Tag>
            </div>
            <Typography.Text type="secondary" style={{ wordBreak: 'break-all', fontSize: 12 }}>
              {step.detail}
            </Typography.Text>
          </div>
        </li>
      ))}
    </ol>
  );
}

/**
 * Verifies the receipt the reader sees (and may edit) against the log's verifier key the page
 * fetched on its own from `/ledger/vkey`, never the key inside the receipt.
 */
function Verifier({
  receipt,
  vkey,
  auditEventId,
}: {
  receipt: LedgerReceipt;
  vkey: string;
  auditEventId: string;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(() => JSON.stringify(receipt, null, 2));
  const [verdict, setVerdict] = useState<Verdict>(null);
  const verify = useCallback(
    async (input: string) => {
      let parsed: LedgerReceipt;
      try {
        parsed = JSON.parse(input) as LedgerReceipt;
      } catch {
        setVerdict({ badJson: true });
        return;
      }
      setVerdict({ steps: await verifyReceipt(parsed, vkey, auditEventId) });
    },
    [vkey, auditEventId],
  );
  useEffect(() => {
    void verify(JSON.stringify(receipt));
  }, [receipt, verify]);
  const ok = verdict !== null && 'steps' in verdict && allPassed(verdict.steps);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {verdict !== null && (
        <Alert
          data-testid="ledger-verdict"
          data-ok={ok ? 'true' : 'false'}
          type={ok ? 'success' : 'error'}
          showIcon
          title={
            'badJson' in verdict
              ? t('regulator.ledger.badJson')
              : t(ok ? 'regulator.ledger.verified' : 'regulator.ledger.failed')
          }
        />
      )}
      {verdict !== null && 'steps' in verdict && <Steps steps={verdict.steps} />}
      <Typography.Text strong>{t('regulator.ledger.receiptInput')}</Typography.Text>
      <Input.TextArea
        data-testid="ledger-receipt-input"
        value={text}
        onChange={(event) => setText(event.target.value)}
        autoSize={{ minRows: 6, maxRows: 16 }}
        style={{ fontFamily: 'monospace', fontSize: 12 }}
        spellCheck={false}
      />
      <Button data-testid="ledger-verify-again" onClick={() => void verify(text)}>
        {t('regulator.ledger.verifyAgain')}
      </Button>
    </Space>
  );
}

/** The receipt of one audit event, verified in the page. */
export function ReceiptPanel({ auditEventId, vkey }: { auditEventId: string; vkey: string }) {
  const { t } = useI18n();
  const loaded = useApi<LedgerReceipt>(`/ledger/receipts/${auditEventId}`);
  return (
    <Card
      title={t('regulator.ledger.receiptTitle', { id: auditEventId })}
      data-testid="ledger-receipt"
      id="ledger-receipt"
    >
      <Typography.Paragraph type="secondary">
        {t('regulator.ledger.receiptHint')}
      </Typography.Paragraph>
      <PageState loaded={loaded} isEmpty={() => false}>
        {(receipt) => (
          <Verifier key={auditEventId} receipt={receipt} vkey={vkey} auditEventId={auditEventId} />
        )}
      </PageState>
    </Card>
  );
}
