import { describe, expect, it } from 'vitest';
import { SubjectHistory } from './history.js';
import { AS_OF, monthly, record, USCC } from './testing.js';

const tax = monthly('tax', 30, 0, () => ({ uscc: USCC, tax_paid: '100', taxable_revenue: '1' }));
const periods = (entries: readonly { at: string }[]) => entries.map((entry) => entry.at);

describe('SubjectHistory', () => {
  it('windows monthly records on the months before the as-of month', () => {
    const history = new SubjectHistory('enterprise', tax, AS_OF);
    expect(periods(history.lastMonths('tax', 3))).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(periods(history.lastMonths('tax', 24))[0]).toBe('2024-10');
    expect(history.lastMonths('tax', 24)).toHaveLength(24);
    // The as-of month (back 0) is not over: it is in no window and not even kept.
    expect(history.all('tax').at(-1)?.at).toBe('2026-09');
  });

  it('keeps the same months for an as-of date late in the month', () => {
    const history = new SubjectHistory('enterprise', tax, '2026-10-31');
    expect(periods(history.lastMonths('tax', 3))).toEqual(['2026-07', '2026-08', '2026-09']);
  });

  it('windows dated records as asOf − n months < date ≤ asOf', () => {
    const cases = ['2025-10-15', '2025-10-16', '2026-10-15', '2026-10-16'].map((filed) =>
      record('judicial', filed, { case_number: filed, subject_id: USCC, filed_on: filed }),
    );
    const history = new SubjectHistory('enterprise', cases, '2026-10-15');
    expect(periods(history.within('judicial', 12))).toEqual(['2025-10-16', '2026-10-15']);
    expect(periods(history.within('judicial', 24))).toEqual([
      '2025-10-15',
      '2025-10-16',
      '2026-10-15',
    ]);
  });

  it('counts a natural key once, keeping the delivery received last', () => {
    const content = { uscc: USCC, period: '2026-09', tax_paid: '1' };
    const early = record('tax', '2026-09', content, { receivedAt: new Date('2026-09-20') });
    const late = record(
      'tax',
      '2026-09',
      { ...content, tax_paid: '2' },
      {
        receivedAt: new Date('2026-09-25'),
      },
    );
    const history = new SubjectHistory('enterprise', [late, early], AS_OF);
    expect(history.all('tax').map((entry) => entry.record.id)).toEqual([late.id]);
  });

  it('keeps records that lack a natural-key field apart rather than merging them', () => {
    const a = record('tax', '2026-09', { period: '2026-09' });
    const b = record('tax', '2026-09', { period: '2026-09' });
    expect(new SubjectHistory('enterprise', [a, b], AS_OF).all('tax')).toHaveLength(2);
  });

  it('reads the period from the content when the caller gives none, and drops unplaceable records', () => {
    const placed = record('tax', null, { uscc: USCC, period: '2026-08' });
    const unplaceable = record('tax', null, { uscc: USCC });
    const history = new SubjectHistory('enterprise', [placed, unplaceable], AS_OF);
    expect(periods(history.all('tax'))).toEqual(['2026-08']);
  });

  it('knows whether a provider reports an optional field at all', () => {
    const history = new SubjectHistory('enterprise', tax, AS_OF);
    expect(history.reports('tax', 'tax_paid')).toBe(true);
    expect(history.reports('tax', 'arrears')).toBe(false);
  });

  it('refuses an as-of that is not a date', () => {
    expect(() => new SubjectHistory('person', [], '2026-10')).toThrow(RangeError);
    expect(() => new SubjectHistory('person', [], '2026-02-30')).toThrow(RangeError);
  });
});
