import { describe, expect, it } from 'vitest';
import { interpolate, LOCALES } from './catalogue';
import { catalogues } from './messages';

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
const placeholders = (message: string) =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the message catalogues', () => {
  for (const [name, catalogue] of Object.entries(catalogues)) {
    describe(name, () => {
      const zh = catalogue['zh-CN'] as Record<string, string>;
      const en = catalogue.en as Record<string, string>;

      it('has every key in every language and no other', () => {
        for (const locale of LOCALES) {
          expect(Object.keys(catalogue[locale]).sort()).toEqual(Object.keys(zh).sort());
        }
      });

      it('has no empty message', () => {
        for (const locale of LOCALES) {
          const messages = catalogue[locale] as Record<string, string>;
          const empty = Object.keys(messages).filter((key) => !messages[key]?.trim());
          expect(empty, `${locale}: ${empty.join(', ')}`).toEqual([]);
        }
      });

      it('writes its English without Chinese characters', () => {
        const untranslated = Object.entries(en).filter(([, message]) => CJK.test(message));
        expect(untranslated.map(([key]) => key)).toEqual([]);
      });

      it('uses the same placeholders in both languages', () => {
        const differing = Object.keys(zh).filter(
          (key) => placeholders(zh[key] ?? '').join() !== placeholders(en[key] ?? '').join(),
        );
        expect(differing).toEqual([]);
      });
    });
  }

  it('declares each key in one catalogue only', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, catalogue] of Object.entries(catalogues)) {
      for (const key of Object.keys(catalogue['zh-CN'])) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)}, ${name})`);
        seen.set(key, name);
      }
    }
    expect(twice).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('请填写{field}', { field: '密码' })).toBe('请填写密码');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });
});
