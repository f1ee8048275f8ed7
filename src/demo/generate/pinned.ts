import type { Industry } from '../../registry/registry.js';
import type { Enterprise, Person } from './subjects.js';

/**
 * Subjects the generated data must be about: the demo's registered enterprises and persons,
 * whose borrower accounts then see a profile and a score of their own. Each takes the
 * identity (USCC or resident ID, and name) of a generated subject like it, before the world
 * is simulated, so its records and outcome come from the same hidden process as everyone's.
 */
export interface PinnedSubjects {
  readonly enterprises: readonly { uscc: string; name: string; industry: Industry }[];
  readonly persons: readonly { residentId: string; name: string }[];
}

/** 个体工商户 have entity type 2 under registration authority 9. */
const isIndividual = (uscc: string) => uscc.startsWith('92');

export function pinEnterprises(
  generated: readonly Enterprise[],
  pinned: PinnedSubjects['enterprises'],
): Enterprise[] {
  const result = [...generated];
  const taken = new Set<number>();
  for (const subject of pinned) {
    const index = result.findIndex(
      (e, i) =>
        !taken.has(i) &&
        e.industry === subject.industry &&
        e.individual === isIndividual(subject.uscc),
    );
    const target = result[index];
    if (target === undefined) continue;
    taken.add(index);
    result[index] = { ...target, uscc: subject.uscc, name: subject.name };
  }
  return result;
}

export function pinPersons(generated: readonly Person[], pinned: PinnedSubjects['persons']) {
  return generated.map((person, i) => {
    const subject = pinned[i];
    return subject ? { ...person, residentId: subject.residentId, name: subject.name } : person;
  });
}
