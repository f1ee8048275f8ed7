import { describe, expect, it } from 'vitest';
import { planChunk, versionsAfter, type CurrentVersion } from './plan.js';

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
      { kind: 'new_version', version: 3, supersedes: { id: 7n, version: 2 } },
    ]);
  });

  it('treats a key repeated within the chunk in delivery order', () => {
    expect(planChunk([rec('a', 'h1'), rec('a', 'h1'), rec('a', 'h2')], new Map())).toEqual([
      { kind: 'new', version: 1 },
      { kind: 'unchanged' },
      { kind: 'new_version', version: 2, supersedes: null },
    ]);
  });

  it('supersedes a version an earlier chunk planned by key and version', () => {
    const current = new Map<string, CurrentVersion>([
      ['a', { id: null, version: 4, contentHash: 'h1' }],
    ]);
    expect(planChunk([rec('a', 'h2'), rec('a', 'h3')], current)).toEqual([
      { kind: 'new_version', version: 5, supersedes: { id: null, version: 4 } },
      { kind: 'new_version', version: 6, supersedes: null },
    ]);
  });
});

describe('versionsAfter', () => {
  it("keeps each changed key's last version and leaves unchanged keys out", () => {
    const records = [rec('a', 'h1'), rec('b', 'h1'), rec('a', 'h2')];
    const current = new Map<string, CurrentVersion>([
      ['b', { id: 3n, version: 1, contentHash: 'h1' }],
    ]);
    const after = versionsAfter(records, planChunk(records, current));
    expect([...after]).toEqual([['a', { id: null, version: 2, contentHash: 'h2' }]]);
  });
});
