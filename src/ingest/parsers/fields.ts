/**
 * Sets a field as an own data property. Plain assignment would make a provider's
 * `__proto__` column replace the record's prototype instead of holding a value.
 */
export function setField(fields: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') {
    Object.defineProperty(fields, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    fields[name] = value;
  }
}
