import type { Readable } from 'node:stream';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { invalidField } from '../platform/errors.js';
import { providerOf } from './batches.service.js';
import type { RecordCategory } from './categories.js';
import type { BatchReport } from './ingest.js';
import { ingestDelivery } from './ingest.service.js';
import { detectFormat, readRecords, type FileFormat } from './parsers/index.js';

export interface UploadOptions {
  readonly format?: FileFormat | undefined;
  readonly encoding?: 'auto' | 'utf-8' | 'gb18030' | undefined;
  readonly delimiter?: string | undefined;
  readonly xmlElement?: string | undefined;
}

/**
 * A provider's file, streamed from the request into the ingest pipeline: nothing holds the
 * whole file. It commits in chunks; an upload cannot resume (its hash is known only at the
 * end), so a broken upload is sent again and the unchanged records cost nothing.
 */
export async function ingestUpload(
  ctx: AppContext,
  principal: Principal | null,
  category: RecordCategory,
  upload: { fileName: string; stream: Readable },
  options: UploadOptions,
): Promise<BatchReport> {
  const actor = providerOf(principal);
  const format = options.format ?? detectFormat(upload.fileName);
  if (!format) throw invalidField('query.format', 'required');
  const items = readRecords(upload.stream, {
    format,
    encoding: options.encoding ?? 'auto',
    delimiter: options.delimiter ?? ',',
    xmlRecordElement: options.xmlElement ?? 'record',
  });
  return ingestDelivery(
    ctx,
    {
      actor,
      organisationId: actor.organisationId,
      category,
      source: 'file',
      file: { name: upload.fileName, sha256: null },
    },
    items,
  );
}
