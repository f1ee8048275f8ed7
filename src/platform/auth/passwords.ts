import { hash, verify, type Algorithm } from '@node-rs/argon2';

// `Algorithm` is a const enum, which isolated modules cannot inline: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

// OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A real hash of a random password: verified against when the login is unknown so that
// unknown and known logins take the same time.
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = () => (decoyHash ??= hashPassword(crypto.randomUUID()));

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): 'weak_password' | null {
  const long = password.length >= 10 && password.length <= 128;
  return long && /\p{L}/u.test(password) && /\d/.test(password) ? null : 'weak_password';
}
