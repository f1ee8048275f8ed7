import type { AppContext } from '../platform/context.js';
import { loanDefaults } from './servicing.service.js';

/** One application as the regulator's statistics count it. */
export interface ApplicationFact {
  readonly applicantKind: 'enterprise' | 'person';
  readonly applicantRef: string;
  /** Submission to the machine's first word (approve, review, decline). */
  readonly decisionMs: number | null;
  /** The final word: approved, declined, or null while undecided. */
  readonly approved: boolean | null;
  /** Whether that final word was the machine's alone. */
  readonly automated: boolean | null;
  readonly modelId: string | null;
  /** null: no loan. */
  readonly defaulted: boolean | null;
}

export async function applicationFacts(ctx: AppContext): Promise<ApplicationFact[]> {
  const [applications, decisions, defaults] = await Promise.all([
    ctx.db
      .selectFrom('loan_applications')
      .select(['id', 'applicant_kind', 'applicant_ref', 'created_at'])
      .execute(),
    ctx.db
      .selectFrom('loan_decisions')
      .select(['application_id', 'outcome', 'automated', 'model_id', 'decided_at'])
      .where('outcome', '!=', 'pending')
      .orderBy('decided_at')
      .execute(),
    loanDefaults(ctx),
  ]);
  const byApplication = new Map<string, typeof decisions>();
  for (const decision of decisions) {
    byApplication.set(decision.application_id, [
      ...(byApplication.get(decision.application_id) ?? []),
      decision,
    ]);
  }
  return applications.map((application) => {
    const words = byApplication.get(application.id) ?? [];
    const final = words.filter((d) => d.outcome !== 'review').at(-1);
    const first = words[0];
    return {
      applicantKind: application.applicant_kind,
      applicantRef: application.applicant_ref,
      decisionMs: first ? first.decided_at.getTime() - application.created_at.getTime() : null,
      approved: final ? final.outcome === 'approve' : null,
      automated: final ? final.automated && words.every((d) => d.automated) : null,
      modelId: words.find((d) => d.model_id !== null)?.model_id ?? null,
      defaulted: defaults.get(application.id) ?? null,
    };
  });
}
