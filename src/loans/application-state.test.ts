import { describe, expect, it } from 'vitest';
import {
  APPLICATION_STATUSES,
  eventsFrom,
  FINAL_STATUSES,
  transition,
  type ApplicationEvent,
} from './application-state.js';

describe('the application state machine', () => {
  it('walks the happy path from draft to closed', () => {
    const path: [ApplicationEvent, string][] = [
      ['submit', 'submitted'],
      ['start_verification', 'verifying'],
      ['decide_approve', 'decided'],
      ['offer', 'offered'],
      ['accept', 'accepted'],
      ['sign_contract', 'contracted'],
      ['disburse', 'disbursed'],
      ['start_repaying', 'repaying'],
      ['close', 'closed'],
    ];
    let status: (typeof APPLICATION_STATUSES)[number] = 'draft';
    for (const [event, expected] of path) {
      const result = transition(status, event);
      expect(result, event).toEqual({ ok: true, to: expected });
      if (result.ok) status = result.to;
    }
  });

  it('refuses an event out of order and says from where it is allowed', () => {
    expect(transition('submitted', 'disburse')).toEqual({ ok: false, allowedFrom: ['contracted'] });
    expect(transition('declined', 'offer').ok).toBe(false);
  });

  it('lets nothing follow a final status but an explanation, or a second look at a decline', () => {
    const allowed: Record<string, string[]> = {
      closed: ['request_explanation'],
      declined: ['request_human_review', 'request_explanation'],
      withdrawn: [],
      expired: ['request_explanation'],
    };
    for (const status of FINAL_STATUSES)
      expect(eventsFrom(status), status).toEqual(allowed[status]);
  });

  it('a declined application goes back to a person on request; an explanation changes nothing', () => {
    expect(transition('declined', 'request_human_review')).toEqual({ ok: true, to: 'decided' });
    expect(transition('offered', 'request_human_review')).toEqual({ ok: true, to: 'decided' });
    expect(transition('repaying', 'request_explanation')).toEqual({ ok: true, to: 'repaying' });
    expect(transition('verifying', 'request_explanation').ok).toBe(false);
    expect(transition('contracted', 'request_human_review').ok).toBe(false);
  });

  it('a verification waiting for a source is retried in place', () => {
    expect(transition('verifying', 'retry_verification')).toEqual({ ok: true, to: 'verifying' });
  });

  it('a decline by the machine or by review ends the application', () => {
    expect(transition('verifying', 'decide_decline')).toEqual({ ok: true, to: 'declined' });
    expect(transition('decided', 'review_decline')).toEqual({ ok: true, to: 'declined' });
  });

  it('every status but the final ones has a way on', () => {
    for (const status of APPLICATION_STATUSES) {
      if (!FINAL_STATUSES.includes(status))
        expect(eventsFrom(status).length, status).toBeGreaterThan(0);
    }
  });
});
