import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { loadKeys } from './keys.js';

const noEnv = {
  fieldKeys: undefined,
  fieldKeyId: undefined,
  blindIndexKey: undefined,
  signingKey: undefined,
};

describe('loadKeys', () => {
  it('generates missing keys into DATA_DIR/keys.json (mode 0600) once and reuses them', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-keys-'));
    const first = loadKeys(noEnv, dir);
    const file = path.join(dir, 'keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadKeys(noEnv, dir);
    expect(second.blindIndexKey.equals(first.blindIndexKey)).toBe(true);
    expect(second.fieldKeys.get('k1')?.equals(first.fieldKeys.get('k1') ?? Buffer.alloc(0))).toBe(
      true,
    );
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('signingKey');
  });

  it('takes keys from the environment, the last listed field key being active by default', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-keys-'));
    const k1 = randomBytes(32).toString('base64');
    const k2 = randomBytes(32).toString('base64');
    const keys = loadKeys({ ...noEnv, fieldKeys: `old:${k1},new:${k2}` }, dir);
    expect(keys.activeFieldKeyId).toBe('new');
    expect(keys.fieldKeys.get('old')?.toString('base64')).toBe(k1);
  });

  it('refuses keys of the wrong size and an active id without a key', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-keys-'));
    expect(() => loadKeys({ ...noEnv, fieldKeys: 'k1:c2hvcnQ=' }, dir)).toThrow(ConfigError);
    const k1 = randomBytes(32).toString('base64');
    expect(() => loadKeys({ ...noEnv, fieldKeys: `k1:${k1}`, fieldKeyId: 'k7' }, dir)).toThrow(
      /k7/,
    );
  });
});
