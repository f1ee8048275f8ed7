import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { recordAudit } from '../../src/ledger/ledger.service.js';
import { sequenceLedger, startLedgerSequencer } from '../../src/ledger/sequencer.js';
import { verifyProofFile, verifyServedLog, verifyStoredLog } from '../../src/ledger/verify.js';
import { defaultPolicy } from '../../src/rules/default-policy.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';

/**
 * The audit ledger over HTTP: real actions become leaves, the sequencer integrates them, and
 * what the log serves is checked by an INDEPENDENT verifier written below from the specs
 * (RFC 9162 §2.1, C2SP tlog-tiles, tlog-checkpoint, signed-note). There is no Go toolchain
 * here for sumdb/tlog, so this is a separate, minimal re-implementation that shares no code
 * with src/ledger: its own hashing, tile arithmetic, note parsing and Ed25519 key import.
 */

// ---- independent verifier (from the specs; no import from src/ledger) --------------------
const H = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafOf = (entry: Buffer) => H(Buffer.from([0]), entry);
const nodeOf = (l: Buffer, r: Buffer) => H(Buffer.from([1]), l, r);
/** RFC 6962 MTH over leaf hashes, recursively, split at the largest power of two < n. */
function mth(hashes: Buffer[]): Buffer {
  if (hashes.length === 0) return H();
  if (hashes.length === 1) return hashes[0]!;
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return nodeOf(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}
/** RFC 9162 §2.1.3.2, written again. */
function checkInclusion(m: number, n: number, leaf: Buffer, proof: Buffer[], root: Buffer) {
  if (m >= n) return false;
  let fn = m;
  let sn = n - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeOf(p, r);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else r = nodeOf(r, p);
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && r.equals(root);
}
/** RFC 9162 §2.1.4.2, written again (0 < m < n). */
function checkConsistency(m: number, n: number, proof: Buffer[], r1: Buffer, r2: Buffer) {
  if (m <= 0 || m >= n || proof.length === 0) return false;
  const path = (m & (m - 1)) === 0 ? [r1, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (fn % 2 === 1) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeOf(c, fr);
      sr = nodeOf(c, sr);
      while (fn % 2 === 0 && fn !== 0) [fn, sn] = [fn / 2, Math.floor(sn / 2)];
    } else sr = nodeOf(sr, c);
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && fr.equals(r1) && sr.equals(r2);
}
/** signed-note + tlog-checkpoint: returns { origin, size, root } or throws. */
function openSignedCheckpoint(note: string, vkey: string) {
  const [name, hashHex, keyB64] = [
    vkey.slice(0, vkey.indexOf('+')),
    vkey.slice(vkey.indexOf('+') + 1, vkey.indexOf('+') + 9),
    vkey.slice(vkey.indexOf('+') + 10),
  ];
  const keyBytes = Buffer.from(keyB64, 'base64');
  if (keyBytes[0] !== 1 || keyBytes.length !== 33) throw new Error('not an Ed25519 vkey');
  const pub = keyBytes.subarray(1);
  const id = H(Buffer.from(name, 'utf8'), Buffer.from([0x0a, 0x01]), pub).subarray(0, 4);
  if (id.toString('hex') !== hashHex) throw new Error('vkey hash mismatch');
  // SPKI DER of an Ed25519 key: fixed 12-byte prefix, then the 32-byte key.
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  const cut = note.indexOf('\n\n');
  const text = note.slice(0, cut + 1);
  const signatures = note
    .slice(cut + 2)
    .split('\n')
    .filter(Boolean);
  const ok = signatures.some((line) => {
    const [dash, who, b64] = line.split(' ');
    if (dash !== '\u2014' || who !== name) return false;
    const sig = Buffer.from(b64 ?? '', 'base64');
    return sig.subarray(0, 4).equals(id) && verify(null, Buffer.from(text), key, sig.subarray(4));
  });
  if (!ok) throw new Error('no valid signature');
  const [origin, size, root, ...rest] = text.slice(0, -1).split('\n');
  expect(rest).toEqual([]);
  return { origin, size: Number(size), root: Buffer.from(root ?? '', 'base64') };
}
/** `<N>` in 3-digit groups with `x` prefixes, from the tlog-tiles text. */
function nPath(n: number) {
  const digits = String(n).padStart(3 * Math.max(1, Math.ceil(String(n).length / 3)), '0');
  const groups = digits.match(/\d{3}/g) ?? [];
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}
// -------------------------------------------------------------------------------------------

const DAY = 86_400_000;
const GOOD_USCC = buildUscc('9', '1', '440305', 'MA5LC7L1');
const { privateKey } = generateKeyPairSync('ed25519');
const SIGNING_KEY = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');

let t: TestApp;
const tokens: Record<string, string> = {};
let applicationId = '';
const as = (login: string, options: Parameters<TestApp['as']>[1]) =>
  t.as(tokens[login] ?? '', options);
const get = (url: string, login?: string) =>
  login ? as(login, { method: 'GET', url }) : t.app.inject({ method: 'GET', url });

beforeAll(async () => {
  t = await startTestApp({ env: { XINYI_SIGNING_KEY: SIGNING_KEY } });
  for (const login of ['bank-a-admin', 'operator', 'regulator', 'demo-person']) {
    tokens[login] = await t.login(login);
  }
  const provider = await t.ctx.db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', 'tax-bureau')
    .executeTakeFirstOrThrow();
  await as('operator', {
    method: 'POST',
    url: `/organisations/${provider.id}/categories`,
    payload: { categories: ['business_registration'] },
  });
  const rules = await as('bank-a-admin', {
    method: 'POST',
    url: '/rules/versions',
    payload: { name: 'ledger-policy', jdm: defaultPolicy() },
  });
  const ruleVersionId = rules.json<{ id: string }>().id;
  await as('bank-a-admin', { method: 'POST', url: `/rules/versions/${ruleVersionId}/publish` });
  const product = await as('bank-a-admin', {
    method: 'POST',
    url: '/loans/products',
    payload: {
      code: 'LEDGER',
      name: '账本测试贷',
      loanType: 'working_capital',
      minAmountFen: '1000000',
      maxAmountFen: '50000000',
      minTermMonths: 3,
      maxTermMonths: 24,
      repaymentMethods: ['equal_instalment'],
      rateBpByGrade: { A: 420, B: 520, C: 650 },
      approveFromScore: 600,
      declineBelowScore: 400,
      requiredCategories: ['business_registration'],
      requiredChecks: ['identity', 'business_status'],
      requiredContinuousMonths: 0,
      secondReviewAboveFen: '100000000',
      ruleVersionId,
    },
  });
  expect(product.statusCode, product.body).toBe(201);
  const registered = await t.app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: {
      login: 'ledger-co',
      password: DEMO_PASSWORD,
      subjectKind: 'enterprise',
      uscc: GOOD_USCC,
      name: '深圳账本科技有限公司',
      industry: 'technology',
    },
  });
  expect(registered.statusCode, registered.body).toBe(201);
  const pushed = await t.app.inject({
    method: 'POST',
    url: '/ingest/business_registration',
    headers: { 'x-api-key': t.providerApiKey ?? '' },
    payload: {
      records: [
        {
          uscc: GOOD_USCC,
          name: '深圳账本科技有限公司',
          status: 'active',
          established_on: '2016-05-10',
          registered_capital: '500000000',
          industry: 'technology',
          region: '440305',
        },
      ],
    },
  });
  expect(pushed.statusCode, pushed.body).toBe(201);
  await t.drain();
  tokens['ledger-co'] = await t.login('ledger-co');
  const bankA = await t.ctx.db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', 'bank-a')
    .executeTakeFirstOrThrow();
  const consent = await as('ledger-co', {
    method: 'POST',
    url: '/consents',
    payload: {
      granteeOrganisationId: bankA.id,
      categories: ['business_registration', 'credit_profile'],
      purpose: 'loan_application',
      expiresAt: new Date(t.ctx.now().getTime() + 90 * DAY).toISOString(),
    },
  });
  expect(consent.statusCode, consent.body).toBe(201);
  const applied = await as('ledger-co', {
    method: 'POST',
    url: '/loans/applications',
    headers: { 'idempotency-key': 'ledger-apply' },
    payload: {
      productId: product.json<{ id: string }>().id,
      amountFen: '12000000',
      termMonths: 6,
      repaymentMethod: 'equal_instalment',
    },
  });
  expect(applied.statusCode, applied.body).toBe(201);
  applicationId = applied.json<{ id: string }>().id;
}, 120_000);
afterAll(async () => t.close());

const auditCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function checkpointNow() {
  const vkey = (await get('/ledger/vkey')).body.trim();
  const response = await get('/ledger/checkpoint');
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
  return { vkey, note: response.body, ...openSignedCheckpoint(response.body, vkey) };
}

let first: Awaited<ReturnType<typeof checkpointNow>>;

describe('the audit ledger', () => {
  it('queues every audit event in its writer transaction, and the sequencer integrates them', async () => {
    const decided = await t.ctx.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', 'in', ['loans.decided', 'consent.granted', 'rules.version_published'])
      .execute();
    expect(decided.length).toBeGreaterThanOrEqual(3);
    const queued = await t.ctx.db.selectFrom('ledger_queue').select('audit_event_id').execute();
    expect(queued.length).toBe(await auditCount());

    const result = await sequenceLedger(t.ctx);
    expect(result.sequenced).toBe(queued.length);
    expect(await t.ctx.db.selectFrom('ledger_queue').selectAll().execute()).toEqual([]);
    // Nothing new: no new leaves, no new checkpoint.
    expect(await sequenceLedger(t.ctx)).toEqual({ sequenced: 0, size: result.size });

    first = await checkpointNow();
    expect(first.size).toBe(result.size);
    expect(first.origin).toBe('xinyi.local/ledger');
    expect(first.vkey.startsWith('xinyi.local/ledger+')).toBe(true);
  });

  it('keeps personal data out of the leaves', async () => {
    const rows = await t.ctx.db.selectFrom('ledger_entries').select('entry').execute();
    const text = rows.map((r) => Buffer.from(r.entry).toString('utf8')).join('\n');
    expect(text).not.toContain(GOOD_USCC);
    expect(text).not.toContain('账本科技');
    expect(text).toContain('"type":"loans.decided"');
  });

  it('serves tiles that an independent verifier reassembles to the signed root', async () => {
    // Enough more events for full tiles at level 0 and a level-1 tile; several batches.
    for (let i = 0; i < 600; i += 1) {
      await recordAudit(t.ctx.db, {
        actor: 'system',
        action: 'test.filler',
        subject: { kind: 'batch', id: String(i) },
        detail: { i },
      });
    }
    await sequenceLedger(t.ctx, { batchSize: 128 });
    const head = await checkpointNow();
    expect(head.size).toBe(await auditCount());
    expect(head.size).toBeGreaterThan(512);

    const leaves: Buffer[] = [];
    const full = Math.floor(head.size / 256);
    for (let n = 0; n <= full; n += 1) {
      const width = n < full ? 256 : head.size % 256;
      if (width === 0) break;
      const url = `/ledger/tile/0/${nPath(n)}${width < 256 ? `.p/${width}` : ''}`;
      const tile = await get(url);
      expect(tile.statusCode, url).toBe(200);
      expect(tile.headers['content-type']).toBe('application/octet-stream');
      if (width === 256) expect(tile.headers['cache-control']).toContain('immutable');
      expect(tile.rawPayload.length).toBe(width * 32);
      for (let i = 0; i < width; i += 1) leaves.push(tile.rawPayload.subarray(i * 32, i * 32 + 32));
    }
    expect(mth(leaves).equals(head.root)).toBe(true);

    // Level 1: each hash is the MTH of a full level-0 tile.
    const level1 = await get(`/ledger/tile/1/000.p/${full}`);
    expect(level1.statusCode).toBe(200);
    for (let i = 0; i < full; i += 1) {
      const hash = level1.rawPayload.subarray(i * 32, i * 32 + 32);
      expect(hash.equals(mth(leaves.slice(i * 256, i * 256 + 256)))).toBe(true);
    }
    // Tiles the tree does not have are not served.
    expect((await get(`/ledger/tile/0/${nPath(full + 1)}`)).statusCode).toBe(404);
    expect((await get('/ledger/tile/1/000')).statusCode).toBe(404);
    const bad = await get('/ledger/tile/0/1');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).fields[0]?.code).toBe('LEDGER_TILE_PATH');

    // Entry bundles: for the regulator and operator only; each entry hashes to its leaf.
    expect((await get('/ledger/tile/entries/000')).statusCode).toBe(401);
    expect((await get('/ledger/tile/entries/000', 'ledger-co')).statusCode).toBe(403);
    const bundle = await get('/ledger/tile/entries/000', 'regulator');
    expect(bundle.statusCode).toBe(200);
    const data = bundle.rawPayload;
    let at = 0;
    for (let i = 0; i < 256; i += 1) {
      const length = data.readUInt16BE(at);
      expect(leafOf(data.subarray(at + 2, at + 2 + length)).equals(leaves[i]!)).toBe(true);
      at += 2 + length;
    }
    expect(at).toBe(data.length);
  });

  it('gives inclusion and consistency proofs that verify independently', async () => {
    const head = await checkpointNow();
    for (const index of [0, 1, 255, 256, head.size - 1]) {
      const response = await get(`/ledger/proofs/inclusion?index=${index}`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<{ size: number; leafHash: string; proof: string[] }>();
      expect(body.size).toBe(head.size);
      const proof = body.proof.map((p) => Buffer.from(p, 'base64'));
      const leaf = Buffer.from(body.leafHash, 'base64');
      expect(checkInclusion(index, head.size, leaf, proof, head.root)).toBe(true);
      expect(checkInclusion(index, head.size, H(leaf), proof, head.root)).toBe(false);
    }
    const response = await get(`/ledger/proofs/consistency?from=${first.size}&to=${head.size}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ fromRoot: string; proof: string[] }>();
    expect(Buffer.from(body.fromRoot, 'base64').equals(first.root)).toBe(true);
    const proof = body.proof.map((p) => Buffer.from(p, 'base64'));
    expect(checkConsistency(first.size, head.size, proof, first.root, head.root)).toBe(true);
    expect(checkConsistency(first.size, head.size, proof, head.root, first.root)).toBe(false);

    const beyond = await get(`/ledger/proofs/inclusion?index=${head.size}`);
    expect(beyond.statusCode).toBe(400);
    expect(errorOf(beyond).fields[0]).toMatchObject({
      path: 'query.index',
      code: 'LEDGER_INDEX_BEYOND_SIZE',
    });
    const tooBig = await get(`/ledger/proofs/inclusion?index=0&size=${head.size + 1}`);
    expect(errorOf(tooBig).fields[0]?.code).toBe('LEDGER_SIZE_BEYOND_CHECKPOINT');
    const backwards = await get(`/ledger/proofs/consistency?from=${head.size}&to=${first.size}`);
    expect(errorOf(backwards).fields[0]?.code).toBe('LEDGER_FROM_AFTER_TO');
    expect((await get('/ledger/proofs/inclusion?index=abc')).statusCode).toBe(400);
    const missing = await get('/ledger/proofs/consistency');
    expect(errorOf(missing).fields[0]).toMatchObject({ path: 'query.from', code: 'required' });
    expect((await get('/ledger/tile/0/000%00')).statusCode).toBe(400);
  });

  it("gives the borrower a receipt of their own decision, and nobody else's", async () => {
    const event = await t.ctx.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', 'in', ['loans.decided', 'loans.verification_waiting'])
      .where('subject_id', '=', applicationId)
      .executeTakeFirstOrThrow();
    const response = await get(`/ledger/receipts/${event.id}`, 'ledger-co');
    expect(response.statusCode, response.body).toBe(200);
    const receipt = response.json<{
      index: number;
      entry: string;
      salt: string;
      content: string;
      checkpoint: string;
      inclusionProof: string[];
      vkey: string;
    }>();
    const head = openSignedCheckpoint(receipt.checkpoint, first.vkey);
    const entry = Buffer.from(receipt.entry, 'base64');
    const proof = receipt.inclusionProof.map((p) => Buffer.from(p, 'base64'));
    expect(checkInclusion(receipt.index, head.size, leafOf(entry), proof, head.root)).toBe(true);
    const leaf = JSON.parse(entry.toString('utf8')) as { content: string; subject: unknown };
    const digest = H(Buffer.from(receipt.salt, 'base64'), Buffer.from(receipt.content, 'utf8'));
    expect(leaf.content).toBe(digest.toString('hex'));
    expect(leaf.subject).toEqual({ kind: 'loan_application', id: applicationId });
    expect(receipt.vkey).toBe(first.vkey);
    // The same receipt checks offline with the CLI's verifier.
    expect(verifyProofFile(receipt).kind).toBe('receipt');
    expect(() => verifyProofFile({ ...receipt, index: receipt.index + 1 })).toThrow();

    expect((await get(`/ledger/receipts/${event.id}`, 'demo-person')).statusCode).toBe(404);
    expect((await get(`/ledger/receipts/${event.id}`, 'operator')).statusCode).toBe(200);
    expect((await get(`/ledger/receipts/${event.id}`)).statusCode).toBe(401);
    expect((await get('/ledger/receipts/99999999', 'regulator')).statusCode).toBe(404);
    expect((await get('/ledger/receipts/abc', 'regulator')).statusCode).toBe(400);
  });

  it('sequences a queued event when its receipt is asked for', async () => {
    await t.ctx.db.transaction().execute((tx) =>
      recordAudit(tx, {
        actor: 'system',
        action: 'test.late',
        subject: { kind: 'loan_application', id: applicationId },
      }),
    );
    const event = await t.ctx.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'test.late')
      .executeTakeFirstOrThrow();
    const response = await get(`/ledger/receipts/${event.id}`, 'ledger-co');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ treeSize: number }>().treeSize).toBe(await auditCount());
  });

  it('lets sequencers run at once (one lock) and on a timer, without gaps or doubles', async () => {
    for (let i = 0; i < 50; i += 1) {
      await recordAudit(t.ctx.db, { actor: 'system', action: 'test.parallel', detail: { i } });
    }
    const results = await Promise.all([
      sequenceLedger(t.ctx, { batchSize: 7 }),
      sequenceLedger(t.ctx, { batchSize: 11 }),
      sequenceLedger(t.ctx),
    ]);
    expect(results.reduce((sum, r) => sum + r.sequenced, 0)).toBe(50);
    const size = await auditCount();
    const indexes = await t.ctx.db
      .selectFrom('ledger_entries')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('idx').as('top')])
      .executeTakeFirstOrThrow();
    expect([Number(indexes.n), Number(indexes.top)]).toEqual([size, size - 1]);

    const timer = startLedgerSequencer(t.ctx, (error) => console.error(error), 20);
    await recordAudit(t.ctx.db, { actor: 'system', action: 'test.timer' });
    for (let i = 0; i < 100 && (await checkpointNow()).size < size + 1; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await timer.stop();
    expect((await checkpointNow()).size).toBe(size + 1);
  });

  it('refuses to change what is logged', async () => {
    await expect(
      sql`update ledger_entries set salt = ''::bytea where idx = 0`.execute(t.ctx.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_checkpoints`.execute(t.ctx.db)).rejects.toThrow(
      /append-only/,
    );
  });

  it('verifies the whole log, from the database and as served', async () => {
    const progress: number[] = [];
    const stored = await verifyStoredLog(t.ctx, { onProgress: (done) => progress.push(done) });
    expect(stored.size).toBe(await auditCount());
    expect(stored.checkpoints).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(stored.size);

    const served = await verifyServedLog(
      async (path) => {
        const response = await as('regulator', { method: 'GET', url: `/ledger/${path}` });
        return { status: response.statusCode, body: response.rawPayload };
      },
      { vkey: first.vkey, entries: true },
    );
    expect(served).toMatchObject({ size: stored.size, root: stored.root });

    // A checkpoint under another key does not verify.
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x ?? '';
    const raw = Buffer.from(other, 'base64url');
    const name = 'xinyi.local/ledger';
    const id = H(Buffer.from(name), Buffer.from([0x0a, 0x01]), raw).subarray(0, 4);
    const wrongKey = `${name}+${id.toString('hex')}+${Buffer.concat([Buffer.from([1]), raw]).toString('base64')}`;
    await expect(verifyStoredLog(t.ctx, { vkey: wrongKey })).rejects.toThrow(/checkpoint/);
  });
});
