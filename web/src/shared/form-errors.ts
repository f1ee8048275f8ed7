import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** The form field an API problem path points at: `body.amountFen`, `/body/amountFen` or `amountFen` → `amountFen`; `items.0.name` → ['items', 0, 'name']. */
export function fieldNameOf(path: string): (string | number)[] {
  const parts = path
    .replace(/^\/?body[./]/, '')
    .split(/[./]/)
    .filter(Boolean);
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows the API's per-field problems at the fields of the form; answers the problems no
 * field of the form shows (for a message above the form) and the error's own message.
 *
 * @example
 * try { await api(...) } catch (error) { setFormError(showFieldErrors(form, error, ['login'])); }
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  formFields: readonly string[],
): string | null {
  if (!(error instanceof ApiError)) return String(error);
  const known = new Set(formFields);
  const atFields = error.fields.filter((field) => known.has(String(fieldNameOf(field.path)[0])));
  form.setFields(
    atFields.map((field) => ({ name: fieldNameOf(field.path), errors: [field.message] })),
  );
  return atFields.length === error.fields.length && atFields.length > 0 ? null : error.message;
}
