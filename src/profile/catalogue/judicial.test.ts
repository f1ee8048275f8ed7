import { describe, expect, it } from 'vitest';
import { profile, record, RESIDENT_ID } from '../testing.js';

const AS_OF = '2026-10-15';

const filing = (
  caseNumber: string,
  filedOn: string,
  role: string,
  caseType: string,
  status: string,
  amount?: string,
) =>
  record('judicial', filedOn, {
    case_number: caseNumber,
    subject_id: RESIDENT_ID,
    role,
    case_type: caseType,
    filed_on: filedOn,
    status,
    amount: amount ?? null,
  });

describe('court features', () => {
  const cases = [
    filing('A', '2025-10-15', 'defendant', 'civil', 'closed', '1000000'), // exactly 12 months
    filing('B', '2025-10-16', 'defendant', 'civil', 'closed', '2000000'),
    filing('C', '2026-03-01', 'executed_person', 'dishonest_executed', 'open', '2000000'),
    filing('D', '2026-01-01', 'plaintiff', 'commercial', 'open'),
    filing('E', '2026-10-16', 'defendant', 'civil', 'open'), // after the as-of date
  ];
  const values = profile('person', cases, AS_OF);

  it('counts cases against the subject in windows that exclude their first day', () => {
    expect(values.court_cases_against_12m).toBe(2);
    expect(values.court_cases_against_24m).toBe(3);
    expect(values.court_defendant_cases_12m).toBe(1);
    expect(values.court_defendant_cases_24m).toBe(2);
    expect(values.court_enforcements_12m).toBe(1);
    expect(values.court_plaintiff_cases_24m).toBe(1);
  });

  it('reads open cases, the dishonest list, amounts and recency', () => {
    expect(values.court_cases_against_total).toBe(3);
    expect(values.court_open_cases_against).toBe(1);
    expect(values.listed_dishonest).toBe(1);
    expect(values.court_defendant_amount_24m).toBe(3_000_000);
    expect(values.months_since_court_case_against).toBe(7);
  });

  it('gives zero for a subject who only sues, and missing for one with no court records', () => {
    const suing = profile('person', [cases[3] ?? filing('D', '', '', '', '')], AS_OF);
    expect(suing.court_cases_against_24m).toBe(0);
    expect(suing.listed_dishonest).toBe(0);
    expect(suing.months_since_court_case_against).toBe(36);
    expect(profile('person', [], AS_OF).court_cases_against_24m).toBeNull();
  });
});
