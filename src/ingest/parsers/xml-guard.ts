import { FileError } from './types.js';
import { utf8Size } from './utf8.js';

/**
 * What to do with the XML parser: feed it text, note that the node being read was cut
 * short (so the record holding it is too large), or fail the file.
 */
export type GuardPiece =
  { kind: 'text'; text: string } | { kind: 'cut' } | { kind: 'error'; error: FileError };

/** The kind of XML node the guard is in; `markup` is the character after `<`, `bang` after `<!`. */
type Node = 'text' | 'markup' | 'bang' | 'tag' | 'tag_quoted' | 'pi' | 'comment' | 'cdata' | 'decl';

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SEMICOLON = 0x3b;
const DASH = 0x2d;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACKET = 0x5b;
const QUESTION = 0x3f;
const BANG = 0x21;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const LF = 0x0a;

/** How far past the limit a cut may wait for a safe place (the end of an entity, say). */
const CUT_SLACK = 64;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Keeps any single XML node (a text run, CDATA section or comment) from reaching saxes whole
 * when it is larger than the record limit: saxes accumulates a node in memory until its end,
 * so one 50 MB text node would otherwise be held at once. The guard follows just enough XML
 * lexing to cut such a node at a safe place (never inside an entity or a surrogate pair),
 * drop the rest, and close it again (`]]>`, `-->`) so saxes still sees well-formed XML.
 *
 * A tag, declaration or processing instruction over the limit cannot be shortened without
 * changing what it means, so it fails the file (`xml_markup_too_large`).
 */
export class XmlSizeGuard {
  private node: Node = 'text';
  /** UTF-8 bytes of the current node so far. */
  private size = 0;
  private dropping = false;
  /** In text: inside `&...;`, where a cut would leave a broken reference. */
  private inEntity = false;
  /** In a tag: the quote of the attribute value being read. */
  private quote = 0;
  /** Consecutive `-` (comment) or `]` (CDATA), to spot `-->` and `]]>`. */
  private run = 0;
  /** In a DOCTYPE: depth of `[...]`. */
  private brackets = 0;
  private previous = 0;
  private line = 1;
  private failed = false;

  constructor(private readonly maxBytes: number) {}

  push(chunk: string): GuardPiece[] {
    const out: GuardPiece[] = [];
    if (this.failed) return out;
    let from = this.dropping ? -1 : 0;
    const emit = (to: number): void => {
      if (from >= 0 && to > from) out.push({ kind: 'text', text: chunk.slice(from, to) });
    };
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (code === LF) this.line++;
      if (!this.dropping && this.size >= this.maxBytes && this.isMarkup()) {
        emit(i);
        out.push({ kind: 'error', error: this.markupTooLarge() });
        this.failed = true;
        return out;
      }
      if (!this.dropping && this.size >= this.maxBytes && this.canCut()) {
        emit(i);
        out.push({ kind: 'cut' });
        this.dropping = true;
        from = -1;
      }
      const closer = this.step(code);
      if (this.dropping && closer !== undefined) {
        // The node ended while being dropped: close it as saxes expects, then carry on.
        if (closer !== '') out.push({ kind: 'text', text: closer });
        this.dropping = false;
        from = closer === '' ? i : i + 1;
      }
      this.previous = code;
    }
    if (!this.dropping) emit(chunk.length);
    return out;
  }

  /** Whether the current node is one that cannot be shortened. */
  private isMarkup(): boolean {
    return this.node !== 'text' && this.node !== 'comment' && this.node !== 'cdata';
  }

  /** Whether the current node may be cut before the next character. */
  private canCut(): boolean {
    if (this.size >= this.maxBytes + CUT_SLACK) return true;
    if (isHighSurrogate(this.previous)) return false;
    if (this.node === 'text') return !this.inEntity;
    // A kept `-` before the `-->` put back would make `--->`, which XML forbids.
    if (this.node === 'comment') return this.previous !== DASH;
    return true;
  }

  /**
   * Advances the lexer by one character. When a text, comment or CDATA node ends, returns
   * what must be fed to close it if its end was dropped: `''` for text (the `<` that ends
   * it is fed as is), `-->` or `]]>`.
   */
  private step(code: number): string | undefined {
    this.size += utf8Size(code);
    switch (this.node) {
      case 'text':
        if (code === LT) {
          this.enter('markup');
          return '';
        }
        if (code === AMP) this.inEntity = true;
        else if (code === SEMICOLON) this.inEntity = false;
        return undefined;
      case 'markup':
        if (code === QUESTION) this.node = 'pi';
        else if (code === BANG) this.node = 'bang';
        else this.tag(code);
        return undefined;
      case 'bang':
        if (code === DASH) this.enter('comment');
        else if (code === OPEN_BRACKET) this.enter('cdata');
        else this.decl(code);
        return undefined;
      case 'tag':
        this.tag(code);
        return undefined;
      case 'tag_quoted':
        if (code === this.quote) this.node = 'tag';
        return undefined;
      case 'pi':
        if (code === GT && this.previous === QUESTION) this.enter('text');
        return undefined;
      case 'decl':
        this.decl(code);
        return undefined;
      case 'comment':
        return this.closes(code, DASH, '-->');
      case 'cdata':
        return this.closes(code, CLOSE_BRACKET, ']]>');
    }
  }

  /** Comment and CDATA end at two of `twice` then `>`. */
  private closes(code: number, twice: number, closer: string): string | undefined {
    if (code === GT && this.run >= 2) {
      this.enter('text');
      return closer;
    }
    this.run = code === twice ? this.run + 1 : 0;
    return undefined;
  }

  private tag(code: number): void {
    if (code === DOUBLE_QUOTE || code === SINGLE_QUOTE) {
      this.quote = code;
      this.node = 'tag_quoted';
    } else if (code === GT) {
      this.enter('text');
    } else {
      this.node = 'tag';
    }
  }

  private decl(code: number): void {
    this.node = 'decl';
    if (code === OPEN_BRACKET) this.brackets++;
    else if (code === CLOSE_BRACKET) this.brackets--;
    else if (code === GT && this.brackets <= 0) this.enter('text');
  }

  private enter(node: Node): void {
    this.node = node;
    this.size = 0;
    this.run = 0;
    this.brackets = 0;
    this.inEntity = false;
  }

  private markupTooLarge(): FileError {
    return new FileError(
      'xml_markup_too_large',
      `a tag, declaration or processing instruction is longer than ${this.maxBytes} bytes`,
      this.line,
    );
  }
}
