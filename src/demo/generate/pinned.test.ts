import { describe, expect, it } from 'vitest';
import type { Enterprise, Person } from './subjects.js';
import { pinEnterprises, pinPersons } from './pinned.js';

const enterprise = (index: number, industry: Enterprise['industry'], individual = false) =>
  ({ index, uscc: `U${index}`, name: `E${index}`, industry, individual }) as Enterprise;

describe('pinning the demo subjects into the generated world', () => {
  it('gives each pinned enterprise the identity of the first unpinned one like it', () => {
    const generated = [
      enterprise(0, 'trade'),
      enterprise(1, 'manufacturing'),
      enterprise(2, 'manufacturing'),
      enterprise(3, 'logistics', true),
    ];
    const pinned = pinEnterprises(generated, [
      { uscc: '91A', name: 'first', industry: 'manufacturing' },
      { uscc: '91B', name: 'second', industry: 'manufacturing' },
      { uscc: '92C', name: 'individual', industry: 'logistics' },
      { uscc: '91D', name: 'no match', industry: 'catering' },
    ]);
    expect(pinned.map((e) => [e.uscc, e.name])).toEqual([
      ['U0', 'E0'],
      ['91A', 'first'],
      ['91B', 'second'],
      ['92C', 'individual'],
    ]);
    expect(pinned[1]?.industry).toBe('manufacturing');
    expect(generated[1]?.uscc).toBe('U1');
  });

  it('gives the first persons the pinned resident IDs and names', () => {
    const generated = [0, 1].map(
      (index) => ({ index, residentId: `P${index}`, name: 'x' }) as Person,
    );
    expect(
      pinPersons(generated, [{ residentId: '110', name: '王小明' }]).map((p) => p.residentId),
    ).toEqual(['110', 'P1']);
  });
});
