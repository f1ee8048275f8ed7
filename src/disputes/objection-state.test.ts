import { describe, expect, it } from 'vitest';
import {
  FINAL_OBJECTION_STATUSES,
  OBJECTION_EVENTS,
  OBJECTION_STATUSES,
  objectionEventsFor,
  objectionTransition,
  type ObjectionEvent,
  type ObjectionRole,
  type ObjectionStatus,
} from './objection-state.js';
import { answerDueAt, deadlineState } from './deadline.js';

/** Every allowed transition: [from, event, role, to]. Anything else is refused. */
const ALLOWED: readonly [ObjectionStatus, ObjectionEvent, ObjectionRole, ObjectionStatus][] = [
  ['submitted', 'accept', 'operator', 'investigating'],
  ['submitted', 'request_material', 'operator', 'awaiting_material'],
  ['submitted', 'refuse', 'operator', 'refused'],
  ['awaiting_material', 'supply_material', 'borrower', 'investigating'],
  ['investigating', 'find_no_error', 'operator', 'not_corrected'],
  ['investigating', 'find_error', 'operator', 'awaiting_second_review'],
  ['awaiting_second_review', 'approve_correction', 'second_reviewer', 'correcting'],
  ['awaiting_second_review', 'reject_correction', 'second_reviewer', 'investigating'],
  ['correcting', 'confirm_correction', 'provider', 'corrected'],
  ['correcting', 'confirm_correction', 'operator', 'corrected'],
  ['not_corrected', 'add_statement', 'borrower', 'not_corrected'],
  ['submitted', 'withdraw', 'borrower', 'withdrawn'],
  ['awaiting_material', 'withdraw', 'borrower', 'withdrawn'],
  ['investigating', 'withdraw', 'borrower', 'withdrawn'],
  ['awaiting_second_review', 'withdraw', 'borrower', 'withdrawn'],
  ['correcting', 'withdraw', 'borrower', 'withdrawn'],
];
const ROLES: readonly ObjectionRole[] = ['borrower', 'operator', 'second_reviewer', 'provider'];

describe('the objection state machine', () => {
  it('allows exactly the listed transitions, each to its status', () => {
    for (const from of OBJECTION_STATUSES) {
      for (const event of OBJECTION_EVENTS) {
        for (const role of ROLES) {
          const allowed = ALLOWED.find(([f, e, r]) => f === from && e === event && r === role);
          const result = objectionTransition(from, event, role);
          expect(result, `${from} ${event} by ${role}`).toEqual(
            allowed ? { ok: true, to: allowed[3] } : expect.objectContaining({ ok: false }),
          );
        }
      }
    }
  });

  it('says whether the status or the role was wrong', () => {
    expect(objectionTransition('investigating', 'accept', 'operator')).toEqual({
      ok: false,
      why: 'wrong_status',
    });
    expect(objectionTransition('submitted', 'accept', 'borrower')).toEqual({
      ok: false,
      why: 'wrong_role',
    });
    // The one who found the error is an operator, not the second reviewer.
    expect(objectionTransition('awaiting_second_review', 'approve_correction', 'operator')).toEqual(
      { ok: false, why: 'wrong_role' },
    );
  });

  it('lets nothing but a statement follow a final status', () => {
    for (const status of FINAL_OBJECTION_STATUSES) {
      const events = ROLES.flatMap((role) => objectionEventsFor(status, role));
      expect(events, status).toEqual(status === 'not_corrected' ? ['add_statement'] : []);
    }
  });
});

describe('the answer deadline', () => {
  const complete = new Date('2026-03-01T02:00:00Z');
  const due = answerDueAt(complete);
  const at = (days: number) => new Date(complete.getTime() + days * 86_400_000);

  it('is 20 days after the objection became complete', () => {
    expect(due.toISOString()).toBe('2026-03-21T02:00:00.000Z');
  });

  it('counts down, warns 5 days and 1 day before, and is breached after', () => {
    expect(deadlineState(due, at(0))).toMatchObject({ daysLeft: 20, breached: false, notices: [] });
    expect(deadlineState(due, at(14.9)).notices).toEqual([]);
    expect(deadlineState(due, at(15))).toMatchObject({ daysLeft: 5, notices: ['warning_5d'] });
    expect(deadlineState(due, at(19)).notices).toEqual(['warning_5d', 'warning_1d']);
    expect(deadlineState(due, at(20))).toMatchObject({ daysLeft: 0, breached: false });
    expect(deadlineState(due, at(20.01))).toMatchObject({
      breached: true,
      notices: ['warning_5d', 'warning_1d', 'breach'],
    });
    expect(deadlineState(due, at(23)).daysLeft).toBe(-3);
  });
});
