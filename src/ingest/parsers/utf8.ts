/**
 * UTF-8 size of one UTF-16 code unit. Each half of a surrogate pair counts 2, so a pair
 * counts 4, as in UTF-8. Record limits are measured this way on decoded text, so a record
 * has the same size whether the provider sent UTF-8 or GB18030.
 */
export function utf8Size(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800 || (code >= 0xd800 && code <= 0xdfff)) return 2;
  return 3;
}
