import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/demo/seed.js';
import type { DeliveredItem } from '../../src/ingest/ingest.js';
import { ingestDelivery } from '../../src/ingest/ingest.service.js';
import { findOrganisationByCode } from '../../src/platform/auth/accounts.service.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let provider: string;
const uscc = (i: number) => buildUscc('9', '1', '110108', `CH${String(i).padStart(6, '0')}`);

beforeAll(async () => {
  t = await startTestApp();
  provider = (await findOrganisationByCode(t.ctx.db, 'tax-bureau'))?.id ?? '';
});
afterAll(async () => t.close());

/** Canonical columns: amounts in fen. */
const row = (line: number, subject: number, revenue: number): DeliveredItem => ({
  kind: 'row',
  line,
  fields: { uscc: uscc(subject), period: '2026-03', taxable_revenue: revenue, tax_paid: 1 },
});

const ingest = (file: string, items: DeliveredItem[], atomic = false) =>
  ingestDelivery(
    t.ctx,
    {
      actor: 'system',
      organisationId: provider,
      category: 'tax',
      source: atomic ? 'api' : 'file',
      file: atomic ? undefined : { name: file, sha256: null },
    },
    items,
    { chunkSize: 2, atomic },
  );

async function versionsOf(subject: number) {
  return t.ctx.db
    .selectFrom('records')
    .select(['version', 'line', 'superseded_at', 'content'])
    .where('category', '=', 'tax')
    .where('subject_ref', '=', uscc(subject))
    .orderBy('version')
    .execute();
}

/**
 * One key changed, repeated and changed again across chunks of two records: each chunk's
 * stored versions are read while the chunks before it are still being written, so the
 * versions they plan must come from those chunks, not from the store.
 */
const history = (subject: number, filler: number): DeliveredItem[] => [
  row(2, subject, 100),
  row(3, filler, 1),
  row(4, subject, 200),
  row(5, filler + 1, 1),
  row(6, subject, 200),
  row(7, filler + 2, 1),
  row(8, subject, 300),
  row(9, subject, 400),
  row(10, filler + 3, 1),
];

describe.each([
  ['chunks written while the next are read', false, 1],
  ['one transaction for the whole delivery', true, 100],
])('a key changed across chunks: %s', (_name, atomic, subject) => {
  it('versions each change once, keeps every version and leaves one current', async () => {
    const report = await ingest(`history-${subject}.csv`, history(subject, subject + 10), atomic);
    expect(report).toMatchObject({ read: 9, accepted: 8, newVersions: 3, unchanged: 1 });
    const versions = await versionsOf(subject);
    expect(versions.map((v) => [v.version, v.line, v.superseded_at === null])).toEqual([
      [1, 2, false],
      [2, 4, false],
      [3, 8, false],
      [4, 9, true],
    ]);
    expect(versions.map((v) => (v.content as { taxable_revenue: string }).taxable_revenue)).toEqual(
      ['100', '200', '300', '400'],
    );
  });

  it('finds the stored current version on the next delivery', async () => {
    const report = await ingest(
      `again-${subject}.csv`,
      [row(2, subject, 400), row(3, subject, 500), row(4, subject, 500)],
      atomic,
    );
    expect(report).toMatchObject({ read: 3, accepted: 1, newVersions: 1, unchanged: 2 });
    const versions = await versionsOf(subject);
    expect(versions.map((v) => [v.version, v.superseded_at === null])).toEqual([
      [1, false],
      [2, false],
      [3, false],
      [4, false],
      [5, true],
    ]);
  });
});
