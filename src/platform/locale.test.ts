import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale.js';
import { translate } from './messages.js';

describe('pickLocale', () => {
  it('defaults to Chinese', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale('fr-FR')).toBe('zh-CN');
  });

  it('follows the highest-weighted language it speaks', () => {
    expect(pickLocale('en-US,en;q=0.9')).toBe('en');
    expect(pickLocale('fr;q=1, en;q=0.5, zh-CN;q=0.8')).toBe('zh-CN');
    expect(pickLocale('zh-TW;q=0.2, en-GB')).toBe('en');
    expect(pickLocale('en;q=0')).toBe('zh-CN');
  });
});

describe('translate', () => {
  it('fills parameters and translates nested catalogue keys', () => {
    expect(translate('NOT_FOUND', 'en', { resource: '#resource.enterprise' })).toBe(
      'No such enterprise',
    );
    expect(translate('NOT_FOUND', 'zh-CN', { resource: '#resource.enterprise' })).toBe(
      '未找到企业',
    );
    expect(translate('max_length', 'en', { limit: 5 })).toBe('Must be at most 5 characters');
  });

  it('shows an unknown code rather than hiding it', () => {
    expect(translate('NO_SUCH_CODE', 'en')).toBe('NO_SUCH_CODE');
  });
});
