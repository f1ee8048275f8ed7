/**
 * The credit-repair workflow of an objection to a record (异议处理), as a state machine: who
 * may move it, from where, to where. The service stores every transition with its time and
 * actor; this module only says what is allowed. Pure.
 *
 * submitted ─accept──────────────▶ investigating ─find_no_error─▶ not_corrected
 *     │  └─request_material─▶ awaiting_material ─supply_material─┘      │
 *     └─refuse─▶ refused            investigating ─find_error─▶ awaiting_second_review
 * awaiting_second_review ─approve_correction─▶ correcting ─confirm_correction─▶ corrected
 * awaiting_second_review ─reject_correction─▶ investigating
 * any open status ─withdraw─▶ withdrawn;  not_corrected ─add_statement─▶ not_corrected
 */
export const OBJECTION_STATUSES = [
  'submitted',
  'awaiting_material',
  'investigating',
  'awaiting_second_review',
  'correcting',
  'corrected',
  'not_corrected',
  'refused',
  'withdrawn',
] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

export type ObjectionRole = 'borrower' | 'operator' | 'second_reviewer' | 'provider';

export const OBJECTION_EVENTS = [
  'accept',
  'request_material',
  'supply_material',
  'refuse',
  'find_no_error',
  'find_error',
  'approve_correction',
  'reject_correction',
  'confirm_correction',
  'add_statement',
  'withdraw',
] as const;
export type ObjectionEvent = (typeof OBJECTION_EVENTS)[number];

/** The statuses of an objection still being handled. */
export const OPEN_STATUSES: readonly ObjectionStatus[] = [
  'submitted',
  'awaiting_material',
  'investigating',
  'awaiting_second_review',
  'correcting',
];

interface Rule {
  readonly from: readonly ObjectionStatus[];
  readonly to: ObjectionStatus | 'unchanged';
  readonly roles: readonly ObjectionRole[];
}

const RULES: Readonly<Record<ObjectionEvent, Rule>> = {
  // The formal check: complete and admissible, incomplete, or not an objection at all.
  accept: { from: ['submitted'], to: 'investigating', roles: ['operator'] },
  request_material: { from: ['submitted'], to: 'awaiting_material', roles: ['operator'] },
  supply_material: { from: ['awaiting_material'], to: 'investigating', roles: ['borrower'] },
  refuse: { from: ['submitted'], to: 'refused', roles: ['operator'] },
  // The investigation's finding.
  find_no_error: { from: ['investigating'], to: 'not_corrected', roles: ['operator'] },
  find_error: { from: ['investigating'], to: 'awaiting_second_review', roles: ['operator'] },
  // A correction is approved by a second, different person (the service checks who).
  approve_correction: {
    from: ['awaiting_second_review'],
    to: 'correcting',
    roles: ['second_reviewer'],
  },
  reject_correction: {
    from: ['awaiting_second_review'],
    to: 'investigating',
    roles: ['second_reviewer'],
  },
  // The source's new version of the record is in: the original is kept beside it.
  confirm_correction: { from: ['correcting'], to: 'corrected', roles: ['provider', 'operator'] },
  // Not corrected: the borrower's own statement is recorded beside the platform's.
  add_statement: { from: ['not_corrected'], to: 'unchanged', roles: ['borrower'] },
  withdraw: { from: OPEN_STATUSES, to: 'withdrawn', roles: ['borrower'] },
};

export const FINAL_OBJECTION_STATUSES: readonly ObjectionStatus[] = [
  'corrected',
  'not_corrected',
  'refused',
  'withdrawn',
];

export const isOpen = (status: ObjectionStatus) => OPEN_STATUSES.includes(status);

export type ObjectionTransition =
  | { readonly ok: true; readonly to: ObjectionStatus }
  | { readonly ok: false; readonly why: 'wrong_status' | 'wrong_role' };

export function objectionTransition(
  from: ObjectionStatus,
  event: ObjectionEvent,
  role: ObjectionRole,
): ObjectionTransition {
  const rule = RULES[event];
  if (!rule.from.includes(from)) return { ok: false, why: 'wrong_status' };
  if (!rule.roles.includes(role)) return { ok: false, why: 'wrong_role' };
  return { ok: true, to: rule.to === 'unchanged' ? from : rule.to };
}

/** What `role` may do to an objection in `status` (a UI's buttons). */
export function objectionEventsFor(status: ObjectionStatus, role: ObjectionRole) {
  return OBJECTION_EVENTS.filter((event) => objectionTransition(status, event, role).ok);
}
