import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages';
import type { Role } from './auth';

/** One page of a portal, at `/<portal>/<path>`. */
export interface PortalPage {
  /** Relative to the portal, e.g. `profile` or `applications/:id`. */
  readonly path: string;
  readonly element: ReactNode;
  /** Shown in the menu when given (pages reached from other pages have none). */
  readonly menu?: { readonly label: MessageKey; readonly icon: ReactNode };
  /** Only these roles of the portal see the page (default: all of the portal's roles). */
  readonly roles?: readonly Role[];
}

/** A portal: the pages one kind of user works in. */
export interface Portal {
  readonly key: 'borrower' | 'lender' | 'provider' | 'regulator';
  readonly title: MessageKey;
  readonly roles: readonly Role[];
  /** The first page after signing in, relative to the portal. */
  readonly home: string;
  readonly pages: readonly PortalPage[];
  /** Pages outside the portal's frame that need no sign-in, at `/<path>` (e.g. `register`). */
  readonly publicPages?: readonly { readonly path: string; readonly element: ReactNode }[];
}
