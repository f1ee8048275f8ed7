import { describe, expect, it } from 'vitest';
import { planChunk, type CurrentVersion } from './plan.js';

const rec = (key: string, hash: string) => ({ naturalKeyIndex: key, contentHash: hash });

describe('planChunk', () => {
  it('stores an unseen key as version 1', () => {
    expect(planChunk([rec('a', 'h1')], new Map())).toEqual([{ kind: 'new', version: 1 }]);
  });

  it('leaves the same content unchanged and versions changed content', () => {
    const current = new Map<string, CurrentVersion>([
      ['a', { id: 7n, version: 2, contentHash: 'h1' }],
    ]);
    expect(planChunk([rec('a', 'h1')], current)).toEqual([{ kind: 'unchanged' }]);
    expect(planChunk([rec('a', 'h2')], current)).toEqual([
      { kind: 'new_version', version: 3, supersedes: 7n },
    ]);
  });

  it('treats a key repeated within the chunk in delivery order', () => {
    expect(planChunk([rec('a', 'h1'), rec('a', 'h1'), rec('a', 'h2')], new Map())).toEqual([
      { kind: 'new', version: 1 },
      { kind: 'unchanged' },
      { kind: 'new_version', version: 2, supersedes: null },
    ]);
  });
});
