/**
 * The shape of the problem catalogue: each code's check and its wording, as templates with
 * `{param}` placeholders rendered by `../format.js`. Kept apart from the checks so an API can
 * document every code without running a check.
 */
import type { CheckName, FixAction, LocalText, ProofKind } from '../checks.js';

export interface FixTemplate {
  readonly action: FixAction;
  readonly message: LocalText;
  readonly proofKinds?: readonly ProofKind[];
}

export interface ProblemDefinition {
  readonly check: CheckName;
  readonly message: LocalText;
  readonly fix: FixTemplate;
  readonly alternatives?: readonly FixTemplate[];
}

/**
 * The problem of a source that could not be asked. Its wording insists that this is not a
 * failure: a borrower told "authentication failed" for an outage gives up.
 */
export function sourceUnavailable(check: CheckName, source: LocalText): ProblemDefinition {
  return {
    check,
    message: {
      'zh-CN': `${source['zh-CN']}数据暂时无法查询，这不代表核验未通过。系统将在约 {retryAfterSeconds} 后自动重试。`,
      en: `The ${source.en} data cannot be reached right now; this is not a failed check. The platform retries automatically in about {retryAfterSeconds}.`,
    },
    fix: {
      action: 'wait_for_source',
      message: {
        'zh-CN': '无需重新提交或补充材料，请在约 {retryAfterSeconds} 后查看结果。',
        en: 'Nothing to resubmit or upload: check back for the result in about {retryAfterSeconds}.',
      },
    },
  };
}
