import { Tag } from 'antd';
import type { Translate } from '../app/i18n';
import type { MessageKey } from '../i18n/messages';
import { lenderMessages } from './messages';

/**
 * The label of an API enum value (`lender.status.decided`); a value this portal does not
 * know yet is shown as the API sent it rather than as a missing key.
 */
export function enumLabel(t: Translate, group: string, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const key = `lender.${group}.${value}`;
  return key in lenderMessages['zh-CN'] ? t(key as MessageKey) : value;
}

const OUTCOME_COLOURS: Readonly<Record<string, string>> = {
  approve: 'green',
  review: 'gold',
  decline: 'red',
  pending: 'default',
};

const STATUS_COLOURS: Readonly<Record<string, string>> = {
  decided: 'gold',
  offered: 'blue',
  accepted: 'blue',
  contracted: 'geekblue',
  disbursed: 'cyan',
  repaying: 'cyan',
  closed: 'default',
  declined: 'red',
  withdrawn: 'default',
  expired: 'default',
  verifying: 'processing',
  submitted: 'processing',
};

export function OutcomeTag({ t, outcome }: { t: Translate; outcome: string | null }) {
  if (!outcome) return <>—</>;
  return (
    <Tag color={OUTCOME_COLOURS[outcome] ?? 'default'}>{enumLabel(t, 'outcome', outcome)}</Tag>
  );
}

export function StatusTag({ t, status }: { t: Translate; status: string }) {
  return <Tag color={STATUS_COLOURS[status] ?? 'default'}>{enumLabel(t, 'status', status)}</Tag>;
}

const BUCKET_COLOURS: Readonly<Record<string, string>> = {
  current: 'green',
  M1: 'gold',
  M2: 'orange',
  M3: 'volcano',
  'M4+': 'red',
};

export function BucketTag({ t, bucket }: { t: Translate; bucket: string }) {
  return <Tag color={BUCKET_COLOURS[bucket] ?? 'default'}>{enumLabel(t, 'bucket', bucket)}</Tag>;
}

/** A waiting time as hours and minutes. */
export function formatWaiting(t: Translate, seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0
    ? t('lender.reviews.waitingHours', { hours, minutes })
    : t('lender.reviews.waitingMinutes', { minutes });
}

/** Service level of the review queue: green within 4 hours, gold within a working day, then red. */
export function slaColour(seconds: number): 'green' | 'gold' | 'red' {
  if (seconds < 4 * 3600) return 'green';
  if (seconds < 24 * 3600) return 'gold';
  return 'red';
}
