import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { renderCatalogueMarkdown } from './catalogue-doc.js';
import { FEATURES } from './features.js';

const DOC = fileURLToPath(new URL('../../docs/features.md', import.meta.url));

describe('the feature catalogue document', () => {
  it('lists every feature once', () => {
    const markdown = renderCatalogueMarkdown();
    for (const { name } of FEATURES) expect(markdown).toContain(`| \`${name}\` |`);
  });

  it('is committed as generated (run `npx tsx scripts/feature-catalogue.ts`)', async () => {
    const options = (await prettier.resolveConfig(DOC)) ?? {};
    const expected = await prettier.format(renderCatalogueMarkdown(), {
      ...options,
      filepath: DOC,
    });
    expect(readFileSync(DOC, 'utf8')).toBe(expected);
  });
});
