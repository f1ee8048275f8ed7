import { describe, expect, it } from 'vitest';
import { profile, record, RESIDENT_ID } from '../testing.js';

const title = record('property', '2015-06-01', {
  certificate_number: 'T1',
  subject_id: RESIDENT_ID,
  registered_on: '2015-06-01',
});

describe('person facts from the resident ID', () => {
  it('gives the age in whole years at the as-of date, and its band', () => {
    // Born 1990-03-07.
    expect(profile('person', [title], '2026-03-06')).toMatchObject({ age: 35, age_band: '30_39' });
    expect(profile('person', [title], '2026-03-07')).toMatchObject({ age: 36, age_band: '30_39' });
  });

  it('knows no age without a record naming the person', () => {
    expect(profile('person', []).age).toBeNull();
    const unnamed = record('property', '2015-06-01', { certificate_number: 'T2' });
    expect(profile('person', [unnamed]).age_band).toBeNull();
  });
});
