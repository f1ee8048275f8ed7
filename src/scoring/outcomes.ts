/**
 * Observed outcomes to train on, as a lender or the platform exports them: a CSV with the
 * header `uscc,person_id,defaulted`, one subject per line (a USCC or a resident ID), and
 * `defaulted` 1 or 0 (also true/false, yes/no, Y/N). Pure.
 */
export interface Outcomes {
  readonly enterprises: { readonly uscc: string; readonly bad: 0 | 1 }[];
  readonly persons: { readonly residentId: string; readonly bad: 0 | 1 }[];
}

export class OutcomesError extends Error {}

const YES = new Set(['1', 'true', 'yes', 'y']);
const NO = new Set(['0', 'false', 'no', 'n']);

export function parseOutcomes(text: string): Outcomes {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').trim().toLowerCase().replace(/\s+/g, '');
  if (header !== 'uscc,person_id,defaulted') {
    throw new OutcomesError(
      `line 1: expected the header "uscc,person_id,defaulted", got "${lines[0] ?? ''}"`,
    );
  }
  const outcomes: Outcomes = { enterprises: [], persons: [] };
  const seen = new Set<string>();
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const at = `line ${index + 2}`;
    const [uscc = '', person = '', flag = '', ...rest] = line.split(',').map((cell) => cell.trim());
    if (rest.length > 0) throw new OutcomesError(`${at}: expected 3 columns`);
    if ((uscc === '') === (person === '')) {
      throw new OutcomesError(`${at}: give either a USCC or a person ID, not both or neither`);
    }
    const lowered = flag.toLowerCase();
    if (!YES.has(lowered) && !NO.has(lowered)) {
      throw new OutcomesError(`${at}: defaulted must be 1 or 0, not "${flag}"`);
    }
    const key = uscc || person;
    if (seen.has(key)) throw new OutcomesError(`${at}: ${uscc ? 'USCC' : 'person'} listed twice`);
    seen.add(key);
    const bad = YES.has(lowered) ? 1 : 0;
    if (uscc) outcomes.enterprises.push({ uscc: uscc.toUpperCase(), bad });
    else outcomes.persons.push({ residentId: person.toUpperCase(), bad });
  });
  return outcomes;
}
