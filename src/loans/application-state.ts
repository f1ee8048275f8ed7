/**
 * The life of a loan application as a state machine: which status may follow which, and
 * what event moves it. Every transition is stored with its time and actor by the service;
 * this module only says what is allowed. Pure.
 */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'verifying',
  'decided',
  'offered',
  'accepted',
  'contracted',
  'disbursed',
  'repaying',
  'closed',
  'declined',
  'withdrawn',
  'expired',
] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_EVENTS = [
  'submit',
  'start_verification',
  'decide_approve',
  'decide_review',
  'decide_decline',
  'review_approve',
  'review_decline',
  'offer',
  'accept',
  'sign_contract',
  'disburse',
  'start_repaying',
  'close',
  'withdraw',
  'expire',
] as const;

export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

/**
 * `decided` with a review pending waits in the queue; an approval (automatic or by review)
 * leads to an offer, a decline ends the application.
 */
const TRANSITIONS: Readonly<
  Record<ApplicationEvent, readonly [ApplicationStatus[], ApplicationStatus]>
> = {
  submit: [['draft'], 'submitted'],
  start_verification: [['submitted'], 'verifying'],
  decide_approve: [['verifying'], 'decided'],
  decide_review: [['verifying'], 'decided'],
  decide_decline: [['verifying'], 'declined'],
  review_approve: [['decided'], 'decided'],
  review_decline: [['decided'], 'declined'],
  offer: [['decided'], 'offered'],
  accept: [['offered'], 'accepted'],
  sign_contract: [['accepted'], 'contracted'],
  disburse: [['contracted'], 'disbursed'],
  start_repaying: [['disbursed'], 'repaying'],
  close: [['repaying', 'disbursed'], 'closed'],
  withdraw: [['draft', 'submitted', 'verifying', 'decided', 'offered', 'accepted'], 'withdrawn'],
  expire: [['draft', 'offered'], 'expired'],
};

/** Statuses nothing follows. */
export const FINAL_STATUSES: readonly ApplicationStatus[] = [
  'closed',
  'declined',
  'withdrawn',
  'expired',
];

export type TransitionResult =
  | { readonly ok: true; readonly to: ApplicationStatus }
  | { readonly ok: false; readonly allowedFrom: readonly ApplicationStatus[] };

export function transition(from: ApplicationStatus, event: ApplicationEvent): TransitionResult {
  const [allowedFrom, to] = TRANSITIONS[event];
  return allowedFrom.includes(from) ? { ok: true, to } : { ok: false, allowedFrom };
}

/** The events that may happen to an application in this status (for a UI's buttons). */
export function eventsFrom(status: ApplicationStatus): ApplicationEvent[] {
  return APPLICATION_EVENTS.filter((event) => TRANSITIONS[event][0].includes(status));
}
