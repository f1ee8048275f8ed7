import { describe, expect, it } from 'vitest';
import { recordsChanged } from './ingest.js';

const batch = { id: 'b1', organisation_id: 'o1', category: 'social_security' };
const stored = (subjectRef: string, line: number, employerRef: string | null = null) => ({
  subjectKind: 'person' as const,
  subjectRef,
  employerRef,
  line,
});

describe('recordsChanged', () => {
  it('names each subject of a transaction once, in the order first stored', () => {
    const event = recordsChanged(batch, [
      stored('p2', 7, 'E1'),
      stored('p1', 8, 'E1'),
      stored('p2', 9, 'E1'),
      stored('p2', 12, 'E2'),
    ]);
    expect(event).toEqual({
      organisationId: 'o1',
      category: 'social_security',
      batchId: 'b1',
      lines: [7, 12],
      changes: [
        { subjectKind: 'person', subjectRef: 'p2', employerRef: 'E1' },
        { subjectKind: 'person', subjectRef: 'p1', employerRef: 'E1' },
        // Another employer is another enterprise to recompute.
        { subjectKind: 'person', subjectRef: 'p2', employerRef: 'E2' },
      ],
    });
  });

  it('spans the lines of records stored out of line order', () => {
    expect(recordsChanged(batch, [stored('p1', 30), stored('p2', 4)]).lines).toEqual([4, 30]);
  });
});
