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
  'retry_verification',
  'request_human_review',
  'request_explanation',
] as const;

export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

/** Statuses in which the application has had a decision that can be explained. */
const DECIDED_STATUSES: ApplicationStatus[] = [
  'decided',
  'offered',
  'accepted',
  'contracted',
  'disbursed',
  'repaying',
  'closed',
  'declined',
  'expired',
];

/** An event that leaves the status as it is but still goes on the timeline. */
type Target = ApplicationStatus | 'unchanged';

/**
 * `decided` with a review pending waits in the queue; an approval (automatic or by review)
 * leads to an offer, a decline ends the application. Two ways back from a machine's word
 * (PIPL art. 24): the borrower may refuse an automated decision and ask a person to decide
 * it again (the service allows this only for automated decisions), and may ask for an
 * explanation of any decision.
 */
const TRANSITIONS: Readonly<Record<ApplicationEvent, readonly [ApplicationStatus[], Target]>> = {
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
  expire: [['draft', 'offered', 'accepted'], 'expired'],
  // A source was down: the checks run again until it answers.
  retry_verification: [['verifying'], 'unchanged'],
  request_human_review: [['declined', 'decided', 'offered'], 'decided'],
  request_explanation: [DECIDED_STATUSES, 'unchanged'],
};

/**
 * Statuses nothing follows but an explanation, and for `declined` a person's second look
 * at a machine's decline.
 */
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
  if (!allowedFrom.includes(from)) return { ok: false, allowedFrom };
  return { ok: true, to: to === 'unchanged' ? from : to };
}

/** The events that may happen to an application in this status (for a UI's buttons). */
export function eventsFrom(status: ApplicationStatus): ApplicationEvent[] {
  return APPLICATION_EVENTS.filter((event) => TRANSITIONS[event][0].includes(status));
}
