import { describe, expect, it } from 'vitest';
import { AS_OF, INDIVIDUAL_USCC, profile, record, USCC } from '../testing.js';

const registration = (content: Record<string, unknown>) =>
  record('business_registration', null, {
    uscc: USCC,
    status: 'active',
    established_on: '2020-10-01',
    industry: 'catering',
    region: '310115',
    ...content,
  });

describe('business registration features', () => {
  it('reads age, capital, industry, province and status', () => {
    const values = profile('enterprise', [registration({ registered_capital: '5000000000' })]);
    expect(values).toMatchObject({
      years_since_registration: 6,
      registered_capital: 5_000_000_000,
      industry: 'catering',
      province: '31',
      registration_status: 'active',
      listed_abnormal: 0,
      months_listed_abnormal: 0,
      business_closed: 0,
      individual_business: 0,
    });
  });

  it('flags an abnormal listing and counts its whole months', () => {
    const values = profile('enterprise', [
      registration({ status: 'abnormal', abnormal_since: '2026-04-15' }),
    ]);
    expect(values.listed_abnormal).toBe(1);
    expect(values.months_listed_abnormal).toBe(5);
  });

  it('flags revoked businesses and 个体工商户, and takes the latest delivery', () => {
    const old = registration({ uscc: INDIVIDUAL_USCC });
    const revoked = record(
      'business_registration',
      null,
      { ...old.content, status: 'revoked' },
      { receivedAt: new Date('2026-10-02') },
    );
    const values = profile('enterprise', [revoked, old]);
    expect(values.business_closed).toBe(1);
    expect(values.individual_business).toBe(1);
    // Individual businesses register no capital: missing, not zero.
    expect(values.registered_capital).toBeNull();
  });

  it('knows no age for a business established after the as-of date', () => {
    const values = profile('enterprise', [registration({ established_on: '2026-10-02' })], AS_OF);
    expect(values.years_since_registration).toBeNull();
  });
});
