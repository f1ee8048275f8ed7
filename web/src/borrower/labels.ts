import { useCallback, useMemo } from 'react';
import { useI18n } from '../app/i18n';
import { messagesOf, type MessageKey } from '../i18n/messages';
import type { LocalText } from '../api/loans';

/** The families of words the API sends as codes (statuses, categories, reasons …). */
export type LabelFamily =
  | 'borrower.category'
  | 'borrower.industry'
  | 'borrower.consents.status'
  | 'borrower.consents.purpose'
  | 'borrower.consents.event'
  | 'borrower.products.loanType'
  | 'borrower.method'
  | 'borrower.check'
  | 'borrower.checkOutcome'
  | 'borrower.fix'
  | 'borrower.field'
  | 'borrower.proof'
  | 'borrower.status'
  | 'borrower.outcome'
  | 'borrower.event'
  | 'borrower.reason'
  | 'borrower.review'
  | 'borrower.reviewStatus'
  | 'borrower.application.docKind'
  | 'borrower.application.loanStatus';

/**
 * Words a code from the API in the reader's language; a code the catalogue does not know
 * yet (a newer server) is shown as it came rather than breaking the page.
 */
export function useLabel() {
  const { locale } = useI18n();
  const messages = useMemo(
    () => messagesOf(locale) as Readonly<Record<string, string | undefined>>,
    [locale],
  );
  return useCallback(
    (family: LabelFamily, code: string | null | undefined): string => {
      if (code === null || code === undefined) return '—';
      return messages[`${family}.${code}` as MessageKey] ?? code;
    },
    [messages],
  );
}

/** Picks the reader's language from a text the API sends in both. */
export function useLocalText() {
  const { locale } = useI18n();
  return useCallback((text: LocalText | null | undefined) => text?.[locale] ?? '', [locale]);
}

/** Joins words as the reader's language lists them: `社保、税务` or `Tax, Utilities`. */
export function useJoin() {
  const { locale } = useI18n();
  return useCallback(
    (words: readonly string[]) => words.join(locale === 'zh-CN' ? '、' : ', '),
    [locale],
  );
}
