import { useApi } from '../api/use-api';
import { formatFen } from '../shared/money';

/** A record category's canonical fields as `GET /ingest/schemas/{category}` names them. */
export interface CategorySchemaView {
  readonly category: string;
  readonly version: number;
  readonly fields: readonly {
    readonly name: string;
    readonly label: string;
    readonly type: string;
    readonly required: boolean;
  }[];
}

/** The category's fields with their labels in the reader's language; null waits. */
export function useCategorySchema(category: string | null) {
  return useApi<CategorySchemaView>(category ? `/ingest/schemas/${category}` : null);
}

/** A stored value in words: money (integer fen as text) in yuan, anything else as it is. */
export function storedValueText(type: string | undefined, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (type === 'money' && typeof value === 'string' && /^-?\d+$/.test(value)) {
    return formatFen(value);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
