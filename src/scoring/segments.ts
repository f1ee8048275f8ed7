import type { SubjectKind } from '../platform/auth/roles.js';

/**
 * Scorecard segments. Enterprises of the three largest industries get a model of their own
 * when there is data enough to train one; every other enterprise, and those three until
 * then, are scored by the general model. Persons have one model.
 */
export const ENTERPRISE_SEGMENTS = ['manufacturing', 'services', 'technology'] as const;
export const GENERAL_SEGMENT = 'general';
export const PERSON_SEGMENT = 'person';

export type Segment =
  (typeof ENTERPRISE_SEGMENTS)[number] | typeof GENERAL_SEGMENT | typeof PERSON_SEGMENT;

/** The industry feature of the profile decides an enterprise's own segment. */
export const SEGMENT_FEATURE = 'industry';

/** Minimums for a segment to get its own model: rows and bads in its training population. */
export const MIN_SEGMENT_ROWS = 400;
export const MIN_SEGMENT_BADS = 40;

export function segmentOf(kind: SubjectKind, industry: unknown): Segment {
  if (kind === 'person') return PERSON_SEGMENT;
  return (ENTERPRISE_SEGMENTS as readonly unknown[]).includes(industry)
    ? (industry as Segment)
    : GENERAL_SEGMENT;
}

/** The segments a subject may be scored by, most specific first. */
export function segmentsToTry(kind: SubjectKind, industry: unknown): Segment[] {
  const own = segmentOf(kind, industry);
  return own === GENERAL_SEGMENT || own === PERSON_SEGMENT ? [own] : [own, GENERAL_SEGMENT];
}
