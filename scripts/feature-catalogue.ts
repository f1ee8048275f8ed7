/**
 * Writes docs/features.md from the feature catalogue, formatted as `prettier --write` would,
 * so the committed file and the check in catalogue-doc.test.ts agree.
 *
 *   npx tsx scripts/feature-catalogue.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { renderCatalogueMarkdown } from '../src/profile/catalogue-doc.js';
import { FEATURES } from '../src/profile/features.js';

const target = fileURLToPath(new URL('../docs/features.md', import.meta.url));
const options = (await prettier.resolveConfig(target)) ?? {};
const text = await prettier.format(renderCatalogueMarkdown(), { ...options, filepath: target });
await mkdir(fileURLToPath(new URL('../docs/', import.meta.url)), { recursive: true });
await writeFile(target, text);
console.log(`docs/features.md: ${FEATURES.length} features`);
