import { describe, expect, it } from 'vitest';
import { profile, record, RESIDENT_ID } from '../testing.js';

const title = (number: string, registeredOn: string, content: Record<string, unknown>) =>
  record('property', registeredOn, {
    certificate_number: number,
    subject_id: RESIDENT_ID,
    registered_on: registeredOn,
    ...content,
  });

describe('property features', () => {
  const values = profile('person', [
    title('T1', '2016-10-01', {
      property_type: 'residential',
      area_m2: '100.5',
      assessed_value: '2000000',
      mortgaged: true,
    }),
    title('T2', '2021-03-15', { property_type: 'commercial', area_m2: '50.25', mortgaged: false }),
  ]);

  it('adds up titles, area and value', () => {
    expect(values.property_titles).toBe(2);
    expect(values.property_area).toBe(150.75);
    expect(values.property_value).toBe(2_000_000);
    expect(values.property_main_type).toBe('residential');
    expect(values.property_years_held).toBe(10);
  });

  it('tells how much is already mortgaged', () => {
    expect(values.property_mortgaged_titles).toBe(1);
    expect(values.property_mortgaged_share).toBe(0.5);
    // The free title has no assessed value: nothing known to be free to pledge.
    expect(values.property_unencumbered_value).toBe(0);
  });

  it('leaves value missing when no title is assessed', () => {
    const unassessed = profile('person', [title('T3', '2020-01-01', { mortgaged: false })]);
    expect(unassessed.property_value).toBeNull();
    expect(unassessed.property_titles).toBe(1);
  });
});
