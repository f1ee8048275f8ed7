import { describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../checks.js';
import { placeholders } from '../format.js';
import {
  CHECK_PROBLEM_CODES,
  PROOF_KINDS,
  type FixTemplate,
  type ProblemDefinition,
} from './index.js';

const PREFIXES = {
  identity: 'ID_',
  social_security: 'SS_',
  business_status: 'BIZ_',
  court_enforcement: 'COURT_',
  housing_fund: 'HF_',
} as const;

const entries: [string, ProblemDefinition][] = Object.entries(CHECK_PROBLEM_CODES);
const sorted = (list: string[]) => [...new Set(list)].sort();

describe('CHECK_PROBLEM_CODES', () => {
  it.each(entries)(
    '%s belongs to its check and reads the same in both languages',
    (code, definition) => {
      expect(code).toMatch(/^[A-Z]+(?:_[A-Z0-9]+)+$/);
      expect(code.startsWith(PREFIXES[definition.check])).toBe(true);
      const fixes: FixTemplate[] = [definition.fix, ...(definition.alternatives ?? [])];
      for (const text of [definition.message, ...fixes.map((fix) => fix.message)]) {
        expect(text['zh-CN']).toMatch(/\p{Script=Han}/u);
        expect(text.en).toMatch(/[a-z]/);
        expect(sorted(placeholders(text['zh-CN']))).toEqual(sorted(placeholders(text.en)));
      }
      for (const fix of fixes) {
        expect((fix.proofKinds?.length ?? 0) > 0).toBe(
          fix.action === 'upload_proof' || fix.proofKinds !== undefined,
        );
        for (const kind of fix.proofKinds ?? []) expect(PROOF_KINDS).toHaveProperty(kind);
      }
    },
  );

  it('has a source-unavailable code, and only that one waiting, for every check', () => {
    for (const check of CHECK_NAMES) {
      const waiting = entries.filter(
        ([, d]) => d.check === check && d.fix.action === 'wait_for_source',
      );
      expect(waiting.map(([code]) => code)).toEqual([`${PREFIXES[check]}SOURCE_UNAVAILABLE`]);
    }
  });

  it('dates every problem found in a source', () => {
    const sourced = entries.filter(([code]) =>
      /NO_ACCOUNT|NOT_CONTINUOUS|MISMATCH$|BELOW|OTHER_CITY|ARREARS|SUSPENDED|NOT_REGISTERED|REVOKED|CANCELLED|ABNORMAL|ENFORCEMENT|LISTED|SEALED|CLOSED|TOO_FEW/.test(
        code,
      ),
    );
    expect(sourced.length).toBeGreaterThan(20);
    for (const [code, definition] of sourced) {
      expect(placeholders(definition.message['zh-CN']), code).toContain('asOf');
    }
  });
});
