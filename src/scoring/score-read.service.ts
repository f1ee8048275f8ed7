import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import type { Locale } from '../platform/locale.js';
import { withCreditDataRead, type ConsentPurpose } from '../registry/consent.service.js';
import { resolveSubject, type SubjectTarget } from '../registry/registry.service.js';
import {
  latestScoreOf,
  scoreHistoryOf,
  type ScoreHistoryEntry,
  type ScoreView,
} from './scores.service.js';

/** A subject's current score with its reasons in words; authorised and audited. */
export async function readScore(
  ctx: AppContext,
  principal: Principal | null,
  target: SubjectTarget,
  purpose: ConsentPurpose,
  locale: Locale,
): Promise<ScoreView & { subject: { kind: 'enterprise' | 'person'; id: string } }> {
  return withCreditDataRead(
    ctx,
    principal,
    { purpose, action: 'score.read' },
    (tx) => resolveSubject(tx, principal, target),
    async (tx, { subject, ref }) => {
      const score = await latestScoreOf(ctx, tx, subject.kind, ref, locale);
      if (!score) throw notFound('score');
      return { ...score, subject };
    },
  );
}

/** The signed-in borrower's own scores over time, newest first; audited like a score read. */
export async function readOwnScoreHistory(
  ctx: AppContext,
  principal: Principal | null,
): Promise<{
  subject: { kind: 'enterprise' | 'person'; id: string };
  scores: ScoreHistoryEntry[];
}> {
  return withCreditDataRead(
    ctx,
    principal,
    { purpose: 'credit_assessment', action: 'score.history_read' },
    (tx) => resolveSubject(tx, principal, { kind: 'self' }),
    async (tx, { subject, ref }) => ({
      subject,
      scores: await scoreHistoryOf(tx, subject.kind, ref),
    }),
  );
}
