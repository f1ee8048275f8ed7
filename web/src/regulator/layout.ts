import type { CSSProperties } from 'react';

/**
 * Panels stacked one under another. The column may shrink below its content's width
 * (`minmax(0, 1fr)`), so a wide table scrolls in its own box instead of widening the page.
 */
export const STACK: CSSProperties = {
  display: 'grid',
  gap: 16,
  gridTemplateColumns: 'minmax(0, 1fr)',
};
