import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  documentsOfApplication,
  MAX_DOCUMENT_BYTES,
  storeDocument,
} from '../../src/archive/archive.service.js';
import { addYears } from '../../src/archive/retention.js';
import { chinaDate } from '../../src/platform/time.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';

interface DocumentJson {
  id: string;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  fileName: string;
  kind: string;
  retainUntil: string;
  createdAt: string;
  applicationId: string | null;
}

let t: TestApp;
const tokens: Record<string, string> = {};
const LOGINS = ['demo-person', 'demo-enterprise', 'operator', 'regulator', 'bank-a-officer'];

beforeAll(async () => {
  t = await startTestApp();
  for (const login of LOGINS) tokens[login] = await t.login(login);
});
afterAll(async () => t.close());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Part {
  readonly name: string;
  readonly value: string | Buffer;
  readonly fileName?: string;
  readonly type?: string;
}

async function multipart(parts: readonly Part[]) {
  const form = new FormData();
  for (const part of parts) {
    if (part.fileName === undefined) form.append(part.name, String(part.value));
    else {
      const blob = new Blob([part.value], part.type ? { type: part.type } : {});
      form.append(part.name, blob, part.fileName);
    }
  }
  const encoded = new Response(form);
  return {
    contentType: encoded.headers.get('content-type') ?? '',
    payload: Buffer.from(await encoded.arrayBuffer()),
  };
}

async function upload(login: string | null, parts: readonly Part[], headers = {}) {
  const { contentType, payload } = await multipart(parts);
  const options = {
    method: 'POST' as const,
    url: '/archive/documents',
    headers: { 'content-type': contentType, ...headers },
    payload,
  };
  return login === null ? t.app.inject(options) : t.as(tokens[login] ?? '', options);
}

const file = (content: Buffer, fileName = '收入证明.pdf', type = 'application/pdf'): Part => ({
  name: 'file',
  value: content,
  fileName,
  type,
});

const get = (login: string, url: string) => t.as(tokens[login] ?? '', { method: 'GET', url });

async function auditEvents(action: string, documentId: string) {
  return t.ctx.db
    .selectFrom('audit_events')
    .select(['actor_role', 'actor_id', 'detail'])
    .where('action', '=', action)
    .where('subject_kind', '=', 'archive_document')
    .where('subject_id', '=', documentId)
    .orderBy('id')
    .execute();
}

describe('archiving a document', () => {
  const statement = Buffer.from(`%PDF-1.7\n王小明 月收入 12000 元\n${randomUUID()}\n`, 'utf8');
  let first: DocumentJson;

  it('stores an upload and answers its metadata', async () => {
    const response = await upload('demo-person', [
      file(statement),
      { name: 'kind', value: 'alternative_proof' },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    first = response.json<DocumentJson>();
    expect(first).toMatchObject({
      sha256: sha256(statement),
      sizeBytes: statement.length,
      mediaType: 'application/pdf',
      fileName: '收入证明.pdf',
      kind: 'alternative_proof',
      applicationId: null,
      retainUntil: addYears(chinaDate(t.ctx.now()), 10),
    });
    const uploaded = await auditEvents('archive.document_uploaded', first.id);
    expect(uploaded).toHaveLength(1);
  });

  it('keeps the same content once, encrypted, however often it is uploaded', async () => {
    const again = await upload('demo-person', [
      file(statement, 'copy.pdf'),
      { name: 'kind', value: 'other' },
    ]);
    const byOther = await upload('demo-enterprise', [
      file(statement, 'theirs.pdf'),
      { name: 'kind', value: 'other' },
    ]);
    expect(again.statusCode).toBe(201);
    expect(byOther.statusCode).toBe(201);
    const ids = [first.id, again.json<DocumentJson>().id, byOther.json<DocumentJson>().id];
    expect(new Set(ids).size).toBe(3);
    expect(again.json<DocumentJson>().retainUntil).toBe(addYears(chinaDate(t.ctx.now()), 5));

    const documents = await t.ctx.db
      .selectFrom('archive_documents')
      .select('id')
      .where('sha256', '=', first.sha256)
      .execute();
    expect(documents.map((d) => d.id).sort()).toEqual([...ids].sort());
    const blobs = await t.ctx.db
      .selectFrom('archive_blobs')
      .select(['content', 'size_bytes'])
      .where('sha256', '=', first.sha256)
      .execute();
    expect(blobs).toHaveLength(1);
    const stored = Buffer.from(blobs[0]?.content ?? new Uint8Array());
    expect(stored.includes(Buffer.from('王小明'))).toBe(false);
    expect(stored.includes(statement)).toBe(false);
  });

  it('gives the owner the exact bytes back, with the media type and the hash as ETag', async () => {
    const response = await get('demo-person', `/archive/documents/${first.id}/content`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(statement)).toBe(true);
    expect(sha256(response.rawPayload)).toBe(first.sha256);
    expect(response.headers.etag).toBe(`"${first.sha256}"`);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('收入证明.pdf')}`,
    );
    const reads = await auditEvents('archive.document_read', first.id);
    expect(reads.at(-1)).toMatchObject({ actor_role: 'borrower', detail: { own: true } });
  });

  it('lists and shows the owner her documents', async () => {
    const listed = await get('demo-person', '/archive/documents');
    expect(listed.statusCode).toBe(200);
    const ids = listed.json<DocumentJson[]>().map((d) => d.id);
    expect(ids).toContain(first.id);
    const mine = await get('demo-enterprise', '/archive/documents');
    expect(mine.json<DocumentJson[]>().map((d) => d.id)).not.toContain(first.id);
    const meta = await get('demo-person', `/archive/documents/${first.id}`);
    expect(meta.json<DocumentJson>()).toEqual(first);
  });

  it('hides a document from another borrower and from a lender without its application', async () => {
    for (const login of ['demo-enterprise', 'bank-a-officer']) {
      for (const url of [
        `/archive/documents/${first.id}`,
        `/archive/documents/${first.id}/content`,
      ]) {
        const response = await get(login, url);
        expect(response.statusCode).toBe(404);
        expect(errorOf(response).code).toBe('NOT_FOUND');
      }
    }
    const anonymous = await t.app.inject({ method: 'GET', url: `/archive/documents/${first.id}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('lets the operator and the regulator read it, and audits each read', async () => {
    for (const login of ['operator', 'regulator']) {
      const response = await get(login, `/archive/documents/${first.id}/content`);
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.equals(statement)).toBe(true);
    }
    const reads = await auditEvents('archive.document_read', first.id);
    expect(reads.slice(-2)).toMatchObject([
      { actor_role: 'operator', detail: { own: false, sha256: first.sha256 } },
      { actor_role: 'regulator', detail: { own: false } },
    ]);
  });

  it('replays an upload repeated with the same Idempotency-Key, refuses other content', async () => {
    const key = { 'idempotency-key': `archive-${randomUUID()}` };
    const parts = [file(Buffer.from('once')), { name: 'kind', value: 'other' }];
    const one = await upload('demo-person', parts, key);
    const two = await upload('demo-person', parts, key);
    expect(two.statusCode).toBe(201);
    expect(two.headers['idempotent-replayed']).toBe('true');
    expect(two.json<DocumentJson>().id).toBe(one.json<DocumentJson>().id);
    const other = await upload(
      'demo-person',
      [file(Buffer.from('twice')), { name: 'kind', value: 'other' }],
      key,
    );
    expect(other.statusCode).toBe(409);
    expect(errorOf(other).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('bad uploads', () => {
  const fields = (response: Awaited<ReturnType<typeof upload>>) =>
    errorOf(response).fields.map((f) => `${f.path} ${f.code}`);

  it('without a file', async () => {
    const response = await upload('demo-person', [{ name: 'kind', value: 'other' }]);
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    expect(fields(response)).toEqual(['file required']);
    const text = await upload('demo-person', [
      { name: 'file', value: 'not a file' },
      { name: 'kind', value: 'other' },
    ]);
    expect(text.statusCode).toBe(400);
    expect(fields(text)).toEqual(['file not_a_file']);
  });

  it('of an unknown kind, or a kind the role may not upload, in either language', async () => {
    const unknown = await upload(
      'demo-person',
      [file(Buffer.from('x')), { name: 'kind', value: 'selfie' }],
      { 'accept-language': 'en' },
    );
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).fields).toEqual([
      {
        path: 'kind',
        code: 'enum',
        message: 'Must be one of: loan_contract, alternative_proof, objection_evidence, other',
      },
    ]);
    const contract = await upload(
      'demo-person',
      [file(Buffer.from('x')), { name: 'kind', value: 'loan_contract' }],
      { 'accept-language': 'zh-CN' },
    );
    expect(contract.statusCode).toBe(400);
    expect(errorOf(contract).fields).toEqual([
      { path: 'kind', code: 'kind_not_allowed', message: '你不能上传该类文件' },
    ]);
  });

  it('that is no readable multipart form', async () => {
    const json = await t.as(tokens['demo-person'] ?? '', {
      method: 'POST',
      url: '/archive/documents',
      payload: { file: 'text', kind: 'other' },
    });
    expect(json.statusCode).toBe(400);
    expect(fields(json)).toEqual(['file not_a_file']);
    for (const [contentType, payload] of [
      ['multipart/form-data', 'no boundary'],
      [
        'multipart/form-data; boundary=B',
        '--B\r\nContent-Disposition: form-data; name="file"; fil',
      ],
    ]) {
      const response = await t.as(tokens['demo-person'] ?? '', {
        method: 'POST',
        url: '/archive/documents',
        headers: { 'content-type': contentType },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('MALFORMED_REQUEST');
    }
    const badType = await upload('demo-person', [
      file(Buffer.from('x'), 'x.bin', 'not a media type'),
      { name: 'kind', value: 'other' },
    ]);
    expect(fields(badType)).toEqual(['file bad_media_type']);
  });

  it('that is empty', async () => {
    const response = await upload('demo-person', [
      file(Buffer.alloc(0)),
      { name: 'kind', value: 'other' },
    ]);
    expect(response.statusCode).toBe(400);
    expect(fields(response)).toEqual(['file empty_file']);
  });

  it('that is too large', async () => {
    const response = await upload(
      'demo-person',
      [file(Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 1)), { name: 'kind', value: 'other' }],
      { 'accept-language': 'en' },
    );
    expect(response.statusCode).toBe(413);
    expect(errorOf(response)).toMatchObject({
      code: 'DOCUMENT_TOO_LARGE',
      message: 'The file is too large; the limit is 10 MB',
    });
  });

  it('linked to an application that is not there or not the caller’s', async () => {
    const malformed = await upload('demo-person', [
      file(Buffer.from('x')),
      { name: 'kind', value: 'other' },
      { name: 'applicationId', value: 'nope' },
    ]);
    expect(malformed.statusCode).toBe(400);
    expect(fields(malformed)).toEqual(['applicationId format']);
    const unknown = await upload('demo-person', [
      file(Buffer.from('x')),
      { name: 'kind', value: 'other' },
      { name: 'applicationId', value: randomUUID() },
    ]);
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('NOT_FOUND');
  });

  it('from a data provider key or without logging in', async () => {
    const parts = [file(Buffer.from('x')), { name: 'kind', value: 'other' }];
    expect((await upload(null, parts)).statusCode).toBe(401);
    const { contentType, payload } = await multipart(parts);
    const provider = await t.app.inject({
      method: 'POST',
      url: '/archive/documents',
      headers: { 'content-type': contentType, 'x-api-key': t.providerApiKey ?? '' },
      payload,
    });
    expect(provider.statusCode).toBe(403);
  });
});

describe('documents of an application, from another domain', () => {
  it('commit with the caller’s transaction and are listed by application', async () => {
    const applicationId = randomUUID();
    const content = Buffer.from(`借款合同 ${applicationId}`, 'utf8');
    const stored = await t.ctx.db.transaction().execute(async (tx) =>
      storeDocument(t.ctx, tx, {
        content,
        mediaType: 'text/plain; charset=utf-8',
        fileName: 'loan-contract.txt',
        kind: 'loan_contract',
        ownerUserId: null,
        applicationId,
      }),
    );
    expect(stored).toMatchObject({ sha256: sha256(content), kind: 'loan_contract' });
    await expect(
      t.ctx.db.transaction().execute(async (tx) => {
        await storeDocument(t.ctx, tx, {
          content: Buffer.from('rolled back'),
          mediaType: 'text/plain',
          fileName: 'x.txt',
          kind: 'other',
          ownerUserId: null,
          applicationId,
        });
        throw new Error('the contract failed');
      }),
    ).rejects.toThrow('the contract failed');
    expect(await documentsOfApplication(t.ctx.db, applicationId)).toEqual([stored]);
    const rolledBack = await t.ctx.db
      .selectFrom('archive_blobs')
      .select('sha256')
      .where('sha256', '=', sha256(Buffer.from('rolled back')))
      .execute();
    expect(rolledBack).toEqual([]);
  });
});

describe('the database', () => {
  it('refuses to change or delete a blob or a document, but lets retention grow', async () => {
    const row = await t.ctx.db
      .selectFrom('archive_documents')
      .select(['id', 'sha256'])
      .executeTakeFirstOrThrow();
    const db = t.ctx.db;
    await expect(
      sql`update archive_blobs set content = '\\x00'::bytea where sha256 = ${row.sha256}`.execute(
        db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from archive_blobs where sha256 = ${row.sha256}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`truncate archive_blobs cascade`.execute(db)).rejects.toThrow(/append-only/);
    await expect(
      sql`update archive_documents set file_name = 'x' where id = ${row.id}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from archive_documents where id = ${row.id}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`update archive_documents set retain_until = retain_until - 1 where id = ${row.id}`.execute(
        db,
      ),
    ).rejects.toThrow(/append-only/);
    await sql`update archive_documents set retain_until = retain_until + 365 where id = ${row.id}`.execute(
      db,
    );
  });
});
