import { TextDecoder } from 'node:util';
import iconv from 'iconv-lite';
import { FileError } from './types.js';

export type DeclaredEncoding = 'utf-8' | 'gb18030' | 'auto';
type TextEncoding = 'utf-8' | 'gb18030';

/** How much of the file `auto` looks at before choosing an encoding. */
export const SNIFF_BYTES = 64 * 1024;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16_BOMS = [Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];

/** An XML declaration naming a Chinese national encoding, e.g. `encoding="GBK"`. */
const XML_GB_DECLARATION = /^<\?xml[^>]*\bencoding\s*=\s*["'](?:gbk|gb2312|gb18030|cp936)["']/i;

/**
 * Chooses between UTF-8 and GB18030 from the first bytes of a file. Providers rarely declare
 * an encoding, and GBK text is almost never valid UTF-8, so validity decides.
 * `complete` says whether `head` is the whole file (a cut multi-byte character at its end is
 * then an error, not a chunk boundary).
 */
export function sniffEncoding(head: Buffer, complete: boolean): TextEncoding {
  if (head.subarray(0, 3).equals(UTF8_BOM)) return 'utf-8';
  // Excel's "Unicode text" export: decoding it as GB18030 would give plausible-looking junk.
  if (UTF16_BOMS.some((bom) => head.subarray(0, 2).equals(bom))) {
    throw new FileError('invalid_encoding', 'UTF-16 files are not supported; send UTF-8 or GBK');
  }
  if (XML_GB_DECLARATION.test(head.subarray(0, 256).toString('latin1'))) return 'gb18030';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

interface ChunkDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

/**
 * UTF-8 is decoded strictly: bytes that are not UTF-8 after the sniffed head (or in a file
 * declared UTF-8) fail the file rather than turning names and IDs into U+FFFD.
 */
function utf8Decoder(): ChunkDecoder {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  const decode = (bytes: Buffer | undefined): string => {
    try {
      const text = bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
      offset += bytes?.length ?? 0;
      return text;
    } catch {
      throw new FileError(
        'invalid_encoding',
        `the file is not valid UTF-8 (in the bytes from offset ${offset})`,
      );
    }
  };
  return { write: (bytes) => decode(bytes), end: () => decode(undefined) };
}

function gb18030Decoder(): ChunkDecoder {
  const decoder = iconv.getDecoder('gb18030');
  return { write: (bytes) => decoder.write(bytes), end: () => decoder.end() ?? '' };
}

function decoderFor(encoding: TextEncoding): ChunkDecoder {
  return encoding === 'utf-8' ? utf8Decoder() : gb18030Decoder();
}

/**
 * Turns a byte stream into text chunks. With `auto`, up to {@link SNIFF_BYTES} are held back
 * to choose the encoding; after that, one input chunk gives at most one text chunk. A
 * leading BOM is removed (TextDecoder drops the UTF-8 one; GB18030's decodes to U+FEFF).
 */
export async function* decodeText(
  input: AsyncIterable<Buffer | string>,
  encoding: DeclaredEncoding,
): AsyncGenerator<string> {
  let decoder = encoding === 'auto' ? undefined : decoderFor(encoding);
  let head: Buffer[] = [];
  let headBytes = 0;
  let first = true;
  const emit = (text: string): string => {
    if (!first) return text;
    first = text === '';
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  };

  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (decoder === undefined) {
      head.push(bytes);
      headBytes += bytes.length;
      if (headBytes < SNIFF_BYTES) continue;
      const sniffed = Buffer.concat(head);
      head = [];
      decoder = decoderFor(sniffEncoding(sniffed, false));
      const text = emit(decoder.write(sniffed));
      if (text) yield text;
      continue;
    }
    const text = emit(decoder.write(bytes));
    if (text) yield text;
  }

  if (decoder === undefined) {
    const sniffed = Buffer.concat(head);
    decoder = decoderFor(sniffEncoding(sniffed, true));
    const text = emit(decoder.write(sniffed));
    if (text) yield text;
  }
  const rest = emit(decoder.end());
  if (rest) yield rest;
}
