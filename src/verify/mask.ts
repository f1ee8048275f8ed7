/**
 * Partial masking of employers in messages. A pre-check result may be stored and shown beside
 * the application, so a person's employment history is named just enough to be recognised.
 */
import type { SourceData } from './checks.js';
import { recordsAbout, textField } from './records.js';

/** `91330106MA2CD3E4X5` → `9133**********E4X5`. */
export function maskUscc(uscc: string): string {
  return uscc.length <= 8
    ? '*'.repeat(uscc.length)
    : `${uscc.slice(0, 4)}${'*'.repeat(uscc.length - 8)}${uscc.slice(-4)}`;
}

/** `杭州云栖数据科技有限公司` → `杭州云栖****有限公司`: a third at each end, at most four. */
export function maskEnterpriseName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 3) return `${chars[0] ?? ''}${'*'.repeat(Math.max(chars.length - 1, 0))}`;
  const kept = Math.min(4, Math.floor(chars.length / 3));
  return `${chars.slice(0, kept).join('')}${'*'.repeat(chars.length - 2 * kept)}${chars.slice(-kept).join('')}`;
}

/** The registered name of `uscc` from business-registration records, when they were fetched. */
export function registeredName(
  registrations: SourceData | undefined,
  uscc: string,
): string | undefined {
  if (registrations?.status !== 'available') return undefined;
  const [record] = recordsAbout(registrations, 'business_registration', 'uscc', uscc);
  return record === undefined ? undefined : textField(record, 'name');
}

/** An employer as a message names it: masked name and masked code, or the code alone. */
export function employerLabel(registrations: SourceData | undefined, uscc: string): string {
  const name = registeredName(registrations, uscc);
  return name === undefined ? maskUscc(uscc) : `${maskEnterpriseName(name)} (${maskUscc(uscc)})`;
}
