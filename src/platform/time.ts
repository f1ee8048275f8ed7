/** China Standard Time (UTC+8, no daylight saving): the civil calendar of every date here. */
export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The civil date `YYYY-MM-DD` in China at an instant. */
export function chinaDate(at: Date | number): string {
  const epochMs = typeof at === 'number' ? at : at.getTime();
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
