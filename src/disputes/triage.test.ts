import { describe, expect, it } from 'vitest';
import { contradictions, type TriageRecord } from './triage.js';

const tax = (id: string, period: string, arrears: string): TriageRecord => ({
  id,
  category: 'tax',
  period,
  content: { arrears },
});

describe('contradictions', () => {
  it('points to later clean records of the same category', () => {
    const found = contradictions(tax('1', '2026-03', '5000'), [
      tax('1', '2026-03', '5000'),
      tax('2', '2026-04', '0'),
      tax('3', '2026-05', '0'),
      tax('0', '2026-02', '0'),
    ]);
    expect(found).toEqual([
      expect.objectContaining({ field: 'arrears', laterRecordIds: ['2', '3'] }),
    ]);
    expect(found[0]?.message['zh-CN']).toContain('2026-04, 2026-05');
  });

  it('says nothing when the record is not adverse, nothing is later, or later ones agree', () => {
    expect(contradictions(tax('1', '2026-03', '0'), [tax('2', '2026-04', '0')])).toEqual([]);
    expect(contradictions(tax('1', '2026-03', '10'), [tax('0', '2026-02', '0')])).toEqual([]);
    expect(
      contradictions(tax('1', '2026-03', '10'), [
        tax('2', '2026-04', '0'),
        tax('3', '2026-05', '7'),
      ]),
    ).toEqual([]);
    expect(
      contradictions({ id: '1', category: 'property', period: null, content: {} }, []),
    ).toEqual([]);
  });
});
