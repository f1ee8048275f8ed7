import { borrowerMessages } from '../borrower/messages';
import { disputesMessages } from '../disputes/messages';
import { lenderMessages } from '../lender/messages';
import { providerMessages } from '../provider/messages';
import { regulatorMessages } from '../regulator/messages';
import type { Catalogue, Locale } from './catalogue';
import { commonMessages } from './common';

/** Every catalogue of the portals; a key may be declared in one of them only. */
export const catalogues = {
  common: commonMessages,
  borrower: borrowerMessages,
  lender: lenderMessages,
  provider: providerMessages,
  regulator: regulatorMessages,
  disputes: disputesMessages,
} as const;

type KeysOf<C> = C extends Catalogue<infer K> ? K : never;
export type MessageKey = {
  [N in keyof typeof catalogues]: KeysOf<(typeof catalogues)[N]>;
}[keyof typeof catalogues];

/** All messages of one language, merged. */
export function messagesOf(locale: Locale): Readonly<Record<MessageKey, string>> {
  return Object.assign(
    {},
    ...Object.values(catalogues).map((catalogue) => catalogue[locale]),
  ) as Record<MessageKey, string>;
}
