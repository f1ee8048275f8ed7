/** Test helpers: small JDM graphs, applicants, and edits of the default policy. */
import { defaultPolicy } from './default-policy.js';
import type {
  JdmDecisionTable,
  JdmDocument,
  JdmRule,
  JdmTableInput,
  JdmTableOutput,
} from './jdm.js';
import { buildPolicyInput, type PolicyInput, type PolicyInputSource } from './policy.js';

export interface TableSpec {
  readonly hitPolicy?: 'first' | 'collect';
  readonly inputs: readonly JdmTableInput[];
  readonly outputs: readonly JdmTableOutput[];
  readonly rules: readonly JdmRule[];
  readonly extra?: Partial<JdmDecisionTable>;
}

/** input → one decision table `table` → output. */
export function tableDocument(spec: TableSpec): JdmDocument {
  return {
    contentType: 'application/vnd.gorules.decision',
    nodes: [
      { id: 'in', name: 'request', type: 'inputNode' },
      {
        id: 'table',
        name: 'table',
        type: 'decisionTableNode',
        content: {
          hitPolicy: spec.hitPolicy ?? 'collect',
          inputs: spec.inputs,
          outputs: spec.outputs,
          rules: spec.rules,
          ...spec.extra,
        },
      },
      { id: 'out', name: 'response', type: 'outputNode' },
    ],
    edges: [
      { id: 'e1', sourceId: 'in', targetId: 'table' },
      { id: 'e2', sourceId: 'table', targetId: 'out' },
    ],
  };
}

/** A good enterprise applicant of grade A; override what a case is about. */
export function applicant(
  overrides: Partial<Omit<PolicyInputSource, 'features'>> = {},
  features: PolicyInputSource['features'] = {},
): PolicyInput {
  return buildPolicyInput({
    applicantKind: 'enterprise',
    productCode: 'SME-CREDIT',
    score: 720,
    grade: 'A',
    probabilityOfDefault: 0.012,
    requestedAmountFen: 50_000_000n,
    termMonths: 12,
    checks: { identity: 'passed', business_status: 'passed', social_security: 'passed' },
    ...overrides,
    features: {
      listed_dishonest: 0,
      business_closed: 0,
      listed_abnormal: 0,
      tax_arrears_months_12m: 0,
      credit_currently_overdue: 0,
      court_open_cases_against: 0,
      years_since_registration: 6.5,
      ss_continuous_months: 48,
      tax_paid_12m: 80_000_000,
      ...features,
    },
  });
}

type RuleCells = Readonly<Record<string, string>>;

/** The default policy with some rules' cells replaced (by rule `_id`). */
export function editedDefaultPolicy(edits: Readonly<Record<string, RuleCells>>): JdmDocument {
  const document = defaultPolicy();
  return {
    ...document,
    nodes: document.nodes.map((node) =>
      node.type !== 'decisionTableNode'
        ? node
        : {
            ...node,
            content: {
              ...node.content,
              rules: node.content.rules.map((rule) => ({ ...rule, ...edits[rule._id] })),
            },
          },
    ),
  };
}
