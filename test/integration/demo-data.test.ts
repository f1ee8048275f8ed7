import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData, type DemoDataResult } from '../../src/demo/seed-data.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let result: DemoDataResult;

beforeAll(async () => {
  t = await startTestApp();
  result = await seedDemoData(t.ctx, {
    dir: mkdtempSync(path.join(tmpdir(), 'xinyi-demo-')),
    enterprises: 30,
    persons: 90,
    seed: 'integration',
    badShare: 0.05,
  });
}, 180_000);
afterAll(async () => t.close());

describe('the demo data set, ingested', () => {
  it('covers all twelve categories, each from its own provider', () => {
    expect(new Set(result.reports.map((r) => r.file.category)).size).toBe(12);
    expect(result.reports.every((r) => r.report.status === 'completed')).toBe(true);
  });

  it('reads every row of every file: read = accepted + unchanged + quarantined', () => {
    for (const { file, report } of result.reports) {
      console.log(
        `${file.file}: read ${report.read} = accepted ${report.accepted} + unchanged ${report.unchanged} + quarantined ${report.quarantined}`,
      );
      expect(report.read, file.file).toBe(file.rows);
      expect(report.accepted + report.unchanged + report.quarantined, file.file).toBe(report.read);
    }
  });

  it('quarantines exactly the deliberately bad records, each with the expected reason', async () => {
    for (const { file, report } of result.reports) {
      const rows = await t.ctx.db
        .selectFrom('quarantined_records')
        .select(['line', 'reasons'])
        .where('batch_id', '=', report.id)
        .orderBy('line')
        .execute();
      const actual = rows.map((row) => ({
        line: row.line,
        codes: row.reasons.map((r) => r.code),
        fields: row.reasons.map((r) => r.field),
      }));
      expect(
        actual.map((a) => a.line),
        file.file,
      ).toEqual([...file.expectedBad].map((b) => b.line).sort((a, b) => a - b));
      for (const bad of file.expectedBad) {
        const found = actual.find((a) => a.line === bad.line);
        expect(found?.codes, `${file.file}:${bad.line}`).toContain(bad.code);
        if (bad.field !== null)
          expect(found?.fields, `${file.file}:${bad.line}`).toContain(bad.field);
      }
    }
  });

  it('includes every kind of bad record the generator makes', () => {
    const kinds = new Set(result.reports.flatMap((r) => r.file.expectedBad.map((b) => b.code)));
    expect(kinds.size).toBeGreaterThanOrEqual(28);
  });

  it('stores a repeated record once: the repeat is unchanged', () => {
    for (const { file, report } of result.reports) {
      expect(report.unchanged, file.file).toBe(file.expectedDuplicates.length);
    }
  });

  it('adds nothing when the same files come again', async () => {
    const again = await seedDemoData(t.ctx, {
      dir: mkdtempSync(path.join(tmpdir(), 'xinyi-demo-')),
      enterprises: 30,
      persons: 90,
      seed: 'integration',
      badShare: 0.05,
    });
    for (const { file, report } of again.reports) {
      expect(report.accepted, file.file).toBe(0);
      expect(report.unchanged + report.quarantined, file.file).toBe(file.rows);
    }
  }, 180_000);
});
