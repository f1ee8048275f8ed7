import { describe, expect, it } from 'vitest';
import { OutcomesError, parseOutcomes } from './outcomes.js';

describe('parseOutcomes', () => {
  it('reads enterprises and persons with their flags', () => {
    const text =
      '\uFEFFuscc,person_id,defaulted\n91110108MA01AB2C0X,,1\n,11010519900307001X,no\n\n';
    expect(parseOutcomes(text)).toEqual({
      enterprises: [{ uscc: '91110108MA01AB2C0X', bad: 1 }],
      persons: [{ residentId: '11010519900307001X', bad: 0 }],
    });
  });

  it.each([
    ['uscc,defaulted\n', /line 1/],
    ['uscc,person_id,defaulted\nA,B,1\n', /line 2: give either/],
    ['uscc,person_id,defaulted\nA,,maybe\n', /line 2: defaulted must be 1 or 0/],
    ['uscc,person_id,defaulted\nA,,1\nA,,0\n', /line 3: USCC listed twice/],
    ['uscc,person_id,defaulted\nA,,1,x\n', /line 2: expected 3 columns/],
  ])('refuses %j', (text, message) => {
    expect(() => parseOutcomes(text)).toThrow(OutcomesError);
    expect(() => parseOutcomes(text)).toThrow(message);
  });
});
