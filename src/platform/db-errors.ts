/** PostgreSQL error codes we turn into domain errors; both drivers expose `code`. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'
  );
}
