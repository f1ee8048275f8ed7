import { describe, expect, it } from 'vitest';

import {
  maskName,
  maskResidentId,
  normaliseIdentifier,
  organisationCodeCheckCharacter,
  parseResidentId,
  parseUscc,
  residentIdCheckDigit,
  USCC_REGISTRATION_AUTHORITIES,
  usccCheckCharacter,
} from './identifiers.js';

/**
 * Real, published Unified Social Credit Codes (company disclosures and public validator test
 * suites), chosen to cover letters in the organisation code, `X` check characters, the central
 * region 100000, a retired region (152600 乌兰察布盟) and several registration authorities.
 */
const REAL_USCCS = [
  '91350100M000100Y43',
  '91100000100003962T', // 中国工商银行, registered centrally (100000)
  '911100001000044477', // 中国建设银行
  '914403001922038216', // 华为技术
  '9144030071526726XG', // 腾讯科技(深圳)
  '91110108551385082Q', // 小米科技
  '91110000802100433B', // 北京百度网讯
  '91310115MA1K3BTP2B',
  '91340600MA2PBM9HXD',
  '91620105L015101280',
  '92340602MA2PBMEM24', // 个体工商户
  '121200004013590816', // 事业单位
  '121526004609138637', // 事业单位 registered in 乌兰察布盟 (retired 2003)
  '1134082855783407XL', // 机关
  '11610923MB2900168E',
  '51610700305332460K', // 社会团体
  '52610500MJU60350X1', // 民办非企业单位
];

/** Appends the USCC check character. */
const withUsccCheck = (first17: string): string => first17 + usccCheckCharacter(first17);

/** Builds a synthetic resident identity number with a correct check digit. */
const residentId = (region: string, birth: string, sequence = '123'): string => {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + residentIdCheckDigit(first17);
};

const TODAY = new Date('2024-06-01T04:00:00Z');

describe('normaliseIdentifier', () => {
  it('turns full-width characters into half-width ones', () => {
    expect(normaliseIdentifier('１１０１０５')).toBe('110105');
    expect(normaliseIdentifier('ＭＡ１Ｋ')).toBe('MA1K');
  });

  it('removes every kind of whitespace', () => {
    expect(normaliseIdentifier(' 1101 05\t19\n90\u300001 ')).toBe('110105199001');
  });

  it('upper-cases letters', () => {
    expect(normaliseIdentifier('91310115ma1k3btp2b')).toBe('91310115MA1K3BTP2B');
    expect(normaliseIdentifier('ｘ')).toBe('X');
  });
});

describe('parseUscc', () => {
  it.each(REAL_USCCS)('accepts the real code %s', (code) => {
    expect(parseUscc(code)).toMatchObject({ ok: true, value: code });
  });

  it('splits a valid code into its parts', () => {
    expect(parseUscc('91350100M000100Y43')).toEqual({
      ok: true,
      value: '91350100M000100Y43',
      registrationAuthority: '9',
      entityType: '1',
      regionCode: '350100',
      organisationCode: 'M000100Y4',
    });
  });

  it('accepts full-width, lower-case and spaced input and returns it normalised', () => {
    expect(parseUscc('９１３５０１００ｍ０００１００ｙ４３')).toMatchObject({
      ok: true,
      value: '91350100M000100Y43',
    });
    expect(parseUscc(' 9131 0115 ma1k 3btp 2b ')).toMatchObject({
      ok: true,
      value: '91310115MA1K3BTP2B',
    });
  });

  it('refuses a code of the wrong length as length', () => {
    expect(parseUscc('91350100M000100Y4')).toEqual({ ok: false, problem: 'length' });
    expect(parseUscc('91350100M000100Y433')).toEqual({ ok: false, problem: 'length' });
    expect(parseUscc('')).toEqual({ ok: false, problem: 'length' });
  });

  it('refuses I, O, Z, S, V and other characters as charset, with their position', () => {
    expect(parseUscc('91350100O000100Y43')).toEqual({
      ok: false,
      problem: 'charset',
      position: 9,
    });
    for (const letter of ['I', 'O', 'Z', 'S', 'V']) {
      expect(parseUscc(`91350100M000100Y4${letter}`)).toMatchObject({
        problem: 'charset',
        position: 18,
      });
    }
    expect(parseUscc('91350100M000100Y4-')).toMatchObject({ problem: 'charset' });
  });

  it('refuses an unknown registration authority as registration_authority', () => {
    expect(parseUscc(withUsccCheck('B1350100M000100Y4'))).toEqual({
      ok: false,
      problem: 'registration_authority',
      position: 1,
    });
  });

  it('refuses an entity type the authority does not register as entity_type', () => {
    expect(parseUscc(withUsccCheck('94350100M000100Y4'))).toEqual({
      ok: false,
      problem: 'entity_type',
      position: 2,
    });
    expect(parseUscc(withUsccCheck('99350100M000100Y4'))).toMatchObject({
      problem: 'entity_type',
    });
    expect(parseUscc(withUsccCheck('Y2350100M000100Y4'))).toMatchObject({
      problem: 'entity_type',
    });
  });

  it('refuses an unknown registration region as region', () => {
    expect(parseUscc(withUsccCheck('91999999M000100Y4'))).toEqual({
      ok: false,
      problem: 'region',
      position: 3,
    });
  });

  it('refuses a wrong organisation-code check character as organisation_code', () => {
    expect(parseUscc(withUsccCheck('91350100M000100Y5'))).toEqual({
      ok: false,
      problem: 'organisation_code',
      position: 17,
    });
  });

  it('refuses a wrong check character as check_character', () => {
    expect(parseUscc('91350100M000100Y44')).toEqual({
      ok: false,
      problem: 'check_character',
      position: 18,
    });
  });

  it('refuses 911100001000222637, whose organisation code and check character are both wrong', () => {
    // Cited to us as a real code; it fails GB 11714 (expects 6 at position 17) and GB 32100
    // (expects J at position 18) although every digit-only real code above passes both.
    expect(parseUscc('911100001000222637')).toMatchObject({ problem: 'organisation_code' });
    expect(usccCheckCharacter('91110000100022263')).toBe('J');
  });

  it('reports the first failing check in the documented order', () => {
    // Bad authority, entity type, region, organisation code and check character at once.
    expect(parseUscc('B4999999M000100Y55')).toMatchObject({ problem: 'registration_authority' });
    expect(parseUscc('94999999M000100Y55')).toMatchObject({ problem: 'entity_type' });
    expect(parseUscc('91999999M000100Y55')).toMatchObject({ problem: 'region' });
    expect(parseUscc('91350100M000100Y55')).toMatchObject({ problem: 'organisation_code' });
  });
});

describe('USCC_REGISTRATION_AUTHORITIES', () => {
  it('lists the twelve authorities of GB 32100-2015 with their entity types', () => {
    expect(Object.keys(USCC_REGISTRATION_AUTHORITIES)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      'A',
      'N',
      'Y',
    ]);
    expect(USCC_REGISTRATION_AUTHORITIES['9'].name).toBe('工商');
    expect(Object.keys(USCC_REGISTRATION_AUTHORITIES['9'].entityTypes)).toEqual(['1', '2', '3']);
    expect(Object.keys(USCC_REGISTRATION_AUTHORITIES['6'].entityTypes)).toEqual(['1', '2', '9']);
  });
});

describe('usccCheckCharacter and organisationCodeCheckCharacter', () => {
  it.each(REAL_USCCS)('reproduce both check characters of %s', (code) => {
    expect(usccCheckCharacter(code.slice(0, 17))).toBe(code.charAt(17));
    expect(organisationCodeCheckCharacter(code.slice(8, 16))).toBe(code.charAt(16));
  });

  it('build codes that parseUscc accepts', () => {
    for (const body of ['MA1K3BTP', '00000000', 'YYYYYYYY', '12345678', 'L0151012']) {
      const first17 = `91440300${body}${organisationCodeCheckCharacter(body)}`;
      expect(parseUscc(withUsccCheck(first17))).toMatchObject({ ok: true });
    }
  });

  it('map a check value of 31 to 0 and of 10/11 to X/0', () => {
    expect(organisationCodeCheckCharacter('71526726')).toBe('X');
    expect(organisationCodeCheckCharacter('L0151012')).toBe('8');
    expect(organisationCodeCheckCharacter('MA2PBMD3')).toBe('0'); // 92340603MA2PBMD304
    expect(usccCheckCharacter('91620105L01510128')).toBe('0');
  });

  it('throw a RangeError on malformed input', () => {
    expect(() => usccCheckCharacter('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckCharacter('91350100I000100Y4')).toThrow(RangeError);
    expect(() => organisationCodeCheckCharacter('M000100')).toThrow(RangeError);
    expect(() => organisationCodeCheckCharacter('m000100y')).toThrow(RangeError);
  });
});

describe('residentIdCheckDigit', () => {
  it('matches the worked example of GB 11643-1999', () => {
    expect(residentIdCheckDigit('11010519491231002')).toBe('X');
  });

  it('round-trips through parseResidentId', () => {
    for (const sequence of ['001', '002', '123', '998']) {
      const id = residentId('110105', '19900101', sequence);
      expect(parseResidentId(id, TODAY)).toMatchObject({ ok: true, value: id });
    }
  });

  it('throws a RangeError unless given 17 digits', () => {
    expect(() => residentIdCheckDigit('1101051990010112')).toThrow(RangeError);
    expect(() => residentIdCheckDigit('1101051990010112X')).toThrow(RangeError);
  });
});

describe('parseResidentId', () => {
  it('accepts a valid number and reads its region, birth date and sex', () => {
    const id = residentId('440305', '19850715', '013');
    expect(parseResidentId(id, TODAY)).toEqual({
      ok: true,
      value: id,
      regionCode: '440305',
      birthDate: '1985-07-15',
      sex: 'male',
    });
    expect(parseResidentId(residentId('440305', '19850715', '014'), TODAY)).toMatchObject({
      sex: 'female',
    });
  });

  it('accepts a lower-case x check character and full-width or spaced input', () => {
    expect(parseResidentId('11010519491231002x', TODAY)).toMatchObject({
      ok: true,
      value: '11010519491231002X',
    });
    expect(parseResidentId('１１０１０５１９４９１２３１００２Ｘ', TODAY)).toMatchObject({
      ok: true,
    });
    expect(parseResidentId('110105 1949 1231 002X', TODAY)).toMatchObject({ ok: true });
  });

  it('accepts a number issued under a retired county code (110103 崇文区)', () => {
    expect(parseResidentId(residentId('110103', '19700315'), TODAY)).toMatchObject({
      ok: true,
      regionCode: '110103',
    });
  });

  it('refuses a number of the wrong length, including 15-digit first-generation ones, as length', () => {
    expect(parseResidentId('110105491231002', TODAY)).toEqual({ ok: false, problem: 'length' });
    expect(parseResidentId('11010519491231002X1', TODAY)).toEqual({
      ok: false,
      problem: 'length',
    });
  });

  it('refuses letters other than a final X as charset', () => {
    expect(parseResidentId('11010519491231002A', TODAY)).toEqual({
      ok: false,
      problem: 'charset',
    });
    expect(parseResidentId('1101051949123100X2', TODAY)).toEqual({
      ok: false,
      problem: 'charset',
    });
  });

  it('refuses an unknown region as region', () => {
    expect(parseResidentId(residentId('999999', '19900101'), TODAY)).toEqual({
      ok: false,
      problem: 'region',
    });
    // 100000 is a USCC-only registration region, not a place of household registration.
    expect(parseResidentId(residentId('100000', '19900101'), TODAY)).toMatchObject({
      problem: 'region',
    });
  });

  it('refuses an impossible calendar date as date', () => {
    expect(parseResidentId(residentId('110105', '19900230'), TODAY)).toEqual({
      ok: false,
      problem: 'date',
    });
    expect(parseResidentId(residentId('110105', '19901301'), TODAY)).toMatchObject({
      problem: 'date',
    });
    expect(parseResidentId(residentId('110105', '19900100'), TODAY)).toMatchObject({
      problem: 'date',
    });
  });

  it('accepts February 29 in leap years only', () => {
    expect(parseResidentId(residentId('110105', '20000229'), TODAY)).toMatchObject({
      ok: true,
      birthDate: '2000-02-29',
    });
    expect(parseResidentId(residentId('110105', '19880229'), TODAY)).toMatchObject({ ok: true });
    expect(parseResidentId(residentId('110105', '19890229'), TODAY)).toMatchObject({
      problem: 'date',
    });
    expect(parseResidentId(residentId('110105', '19000229'), TODAY)).toMatchObject({
      problem: 'date',
    });
  });

  it('refuses a birth date in the future as date', () => {
    expect(parseResidentId(residentId('110105', '20240602'), TODAY)).toEqual({
      ok: false,
      problem: 'date',
    });
    expect(parseResidentId(residentId('110105', '20240601'), TODAY)).toMatchObject({ ok: true });
  });

  it("reads today's date in China Standard Time", () => {
    // 2024-05-31T16:30Z is already 2024-06-01 in Beijing.
    const lateEvening = new Date('2024-05-31T16:30:00Z');
    expect(parseResidentId(residentId('110105', '20240601'), lateEvening)).toMatchObject({
      ok: true,
    });
    const earlier = new Date('2024-05-31T15:30:00Z');
    expect(parseResidentId(residentId('110105', '20240601'), earlier)).toMatchObject({
      problem: 'date',
    });
  });

  it('refuses a birth date before 1900-01-01 as date', () => {
    expect(parseResidentId(residentId('110105', '18991231'), TODAY)).toMatchObject({
      problem: 'date',
    });
    expect(parseResidentId(residentId('110105', '19000101'), TODAY)).toMatchObject({ ok: true });
  });

  it('refuses a wrong check character as check_character', () => {
    const id = residentId('110105', '19900101');
    const wrong = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
    expect(parseResidentId(wrong, TODAY)).toEqual({ ok: false, problem: 'check_character' });
  });

  it('defaults today to the current date', () => {
    const nextYear = String(new Date().getUTCFullYear() + 1);
    expect(parseResidentId(residentId('110105', `${nextYear}0101`))).toMatchObject({
      problem: 'date',
    });
    expect(parseResidentId(residentId('110105', '19900101'))).toMatchObject({ ok: true });
  });
});

describe('maskResidentId', () => {
  it('keeps the first 3 and last 4 characters', () => {
    expect(maskResidentId('110105199001011234')).toBe('110***********1234');
    expect(maskResidentId('11010519491231002X')).toBe('110***********002X');
  });

  it('masks short input entirely', () => {
    expect(maskResidentId('1101051')).toBe('*******');
    expect(maskResidentId('')).toBe('');
  });
});

describe('maskName', () => {
  it('keeps only the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('阿卜杜·热合曼')).toBe('阿******');
  });

  it('counts a supplementary-plane character once', () => {
    expect(maskName('𠮷野')).toBe('𠮷*');
  });

  it('masks a one-character name entirely', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
  });
});
