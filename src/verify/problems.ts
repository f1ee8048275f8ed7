/**
 * Problems rendered from the catalogue, and results concluded from problems. A check decides
 * only which codes apply and with which parameters; the words come from `messages/`.
 */
import type { Locale } from '../platform/locale.js';
import type {
  CheckName,
  CheckProblem,
  CheckResult,
  Fix,
  LocalText,
  ProblemParams,
  RegistrySource,
  SourceData,
  SourceName,
  UnavailableSource,
} from './checks.js';
import { render } from './format.js';
import {
  CHECK_PROBLEM_CODES,
  type FixTemplate,
  type ProblemCode,
  type ProblemDefinition,
} from './messages/index.js';

const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

function renderText(text: LocalText, params: ProblemParams): LocalText {
  const [zh, en] = LOCALES.map((locale) => render(text[locale], params, locale));
  return { 'zh-CN': zh ?? '', en: en ?? '' };
}

function renderFix(template: FixTemplate, params: ProblemParams): Fix {
  return {
    action: template.action,
    message: renderText(template.message, params),
    ...(template.proofKinds === undefined ? {} : { proofKinds: [...template.proofKinds] }),
  };
}

export function buildProblem(
  code: ProblemCode,
  field: string | null,
  params: ProblemParams = {},
): CheckProblem {
  const definition: ProblemDefinition = CHECK_PROBLEM_CODES[code];
  const { alternatives } = definition;
  return {
    code,
    field,
    message: renderText(definition.message, params),
    fix: renderFix(definition.fix, params),
    ...(alternatives === undefined
      ? {}
      : { alternatives: alternatives.map((fix) => renderFix(fix, params)) }),
    params,
  };
}

/** When the caller fetched nothing for a source, the check waits rather than guesses. */
export const DEFAULT_RETRY_SECONDS = 300;

const NOT_SUPPLIED: UnavailableSource = {
  status: 'unavailable',
  reason: 'source not supplied',
  retryAfterSeconds: DEFAULT_RETRY_SECONDS,
};

export function sourceData(data: SourceData | undefined): SourceData;
export function sourceData(data: RegistrySource | undefined): RegistrySource;
export function sourceData(
  data: SourceData | RegistrySource | undefined,
): SourceData | RegistrySource {
  return data ?? NOT_SUPPLIED;
}

export function unavailableProblem(
  code: ProblemCode,
  source: SourceName,
  data: UnavailableSource,
): CheckProblem {
  const problem = buildProblem(code, `source:${source}`, {
    reason: data.reason,
    retryAfterSeconds: data.retryAfterSeconds,
  });
  return { ...problem, fix: { ...problem.fix, retryAfterSeconds: data.retryAfterSeconds } };
}

const waitsForSource = (problem: CheckProblem) => problem.fix.action === 'wait_for_source';

/**
 * Any problem that is not a wait fails the check: what was found locally (a mistyped ID) is
 * certain even while a source is down. Only waits alone leave it unavailable.
 */
export function conclude(
  check: CheckName,
  source: SourceName,
  asOf: string | null,
  problems: readonly CheckProblem[],
  evidence: readonly string[],
): CheckResult {
  const outcome =
    problems.length === 0 ? 'pass' : problems.every(waitsForSource) ? 'unavailable' : 'fail';
  return { check, outcome, problems, asOf, source, evidence };
}
