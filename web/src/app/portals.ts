import { borrowerPortal } from '../borrower/portal';
import { lenderPortal } from '../lender/portal';
import { providerPortal } from '../provider/portal';
import { regulatorPortal } from '../regulator/portal';
import type { Role } from './auth';
import type { Portal } from './portal';

export const portals: readonly Portal[] = [
  borrowerPortal,
  lenderPortal,
  providerPortal,
  regulatorPortal,
];

/** The portal a role works in. */
export function portalOf(role: Role): Portal {
  const portal = portals.find((candidate) => candidate.roles.includes(role));
  if (!portal) throw new Error(`no portal for role ${role}`);
  return portal;
}
