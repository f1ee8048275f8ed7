import type { JdmDocument } from './jdm.js';

const IDENTIFIER_CHARACTER = /[A-Za-z0-9_$]/;

/**
 * The members of an object-valued input field that a document reads, when it reads that
 * field only member by member (`features.tax_paid_12m`, never `features` alone, indexed or
 * passed whole): then no other member can change the result or the rules that fire.
 * Null when the document may read the field as a whole, or names it in any other way (a
 * description, a string): the whole field is kept. The document's text is searched as it
 * is stored, so every node type and every expression counts.
 */
export function membersRead(documentText: string, field: string): Set<string> | null {
  const members = new Set<string>();
  let at = documentText.indexOf(field);
  while (at !== -1) {
    const before = documentText[at - 1];
    const end = at + field.length;
    const isField = !(before !== undefined && IDENTIFIER_CHARACTER.test(before));
    if (isField && !IDENTIFIER_CHARACTER.test(documentText[end] ?? '')) {
      const member = /^\.([A-Za-z_$][A-Za-z0-9_$]*)/.exec(documentText.slice(end, end + 200));
      if (!member?.[1]) return null;
      members.add(member[1]);
    }
    at = documentText.indexOf(field, at + 1);
  }
  return members;
}

/**
 * The input as the document can see it: each object-valued field that the document reads
 * member by member keeps only those members. A scorecard's profile has about 180 features
 * and a policy reads a handful; each value handed over costs a conversion into the native
 * engine and a place in its trace. The input itself is not changed.
 */
export function inputAsRead(input: object, reads: (field: string) => Set<string> | null): object {
  let pruned: Record<string, unknown> | null = null;
  for (const [field, value] of Object.entries(input) as [string, unknown][]) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const members = reads(field);
    if (!members) continue;
    const kept: Record<string, unknown> = {};
    for (const member of members) {
      if (Object.hasOwn(value, member)) kept[member] = (value as Record<string, unknown>)[member];
    }
    pruned ??= { ...(input as Record<string, unknown>) };
    pruned[field] = kept;
  }
  return pruned ?? input;
}

/** A document's {@link membersRead}, worked out once per field. */
export function membersReadBy(document: JdmDocument): (field: string) => Set<string> | null {
  const text = JSON.stringify(document);
  const known = new Map<string, Set<string> | null>();
  return (field) => {
    if (!known.has(field)) known.set(field, membersRead(text, field));
    return known.get(field) ?? null;
  };
}
