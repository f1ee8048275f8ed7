/**
 * Masking on screen. The API already masks personal data by the reader's role; these
 * helpers mask again what a page shows in lists, so a shoulder never sees a whole ID.
 */

/** Resident ID: first 3 and last 4 stay (`110***********123X`). */
export function maskResidentId(id: string): string {
  if (id.includes('*') || id.length < 8) return id;
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** Mobile number: `138****5678`. */
export function maskPhone(phone: string): string {
  if (phone.includes('*') || phone.length < 7) return phone;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** A person's name: the family name stays (`王**`). */
export function maskName(name: string): string {
  if (name.includes('*') || name.length < 2) return name;
  return `${name.slice(0, 1)}${'*'.repeat(name.length - 1)}`;
}
