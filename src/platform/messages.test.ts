import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUS_OF } from './http/error-status.js';
import { hasMessage, translate } from './messages.js';

/** Every TypeScript source under src/, tests left out. */
function sources(dir = path.resolve(import.meta.dirname, '..')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const codesIn = (pattern: RegExp) =>
  new Set(
    sources().flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(pattern)].map((m) => m[1] ?? ''),
    ),
  );

describe('the message catalogue', () => {
  it('words every error code in both languages', () => {
    for (const code of Object.keys(STATUS_OF)) {
      expect(hasMessage(code), code).toBe(true);
      expect(translate(code, 'zh-CN'), code).not.toBe(translate(code, 'en'));
    }
  });

  it('words every field code and resource the sources use', () => {
    const fields = codesIn(/invalidField\(\s*['`][^'`]+['`],\s*'([A-Za-z_]+)'/g);
    const resources = codesIn(/notFound\('([a-z_]+)'\)/g);
    expect(fields.size).toBeGreaterThan(10);
    for (const code of fields) expect(hasMessage(code), code).toBe(true);
    for (const resource of resources) {
      expect(hasMessage(`resource.${resource}`), resource).toBe(true);
    }
  });
});
