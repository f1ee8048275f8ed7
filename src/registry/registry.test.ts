import { describe, expect, it } from 'vitest';
import type { Principal } from '../platform/auth/roles.js';
import { maskLevelFor, maskPerson } from './registry.js';

const person = {
  id: 'p1',
  idNumber: '11010519900307123X',
  name: '欧阳娜娜',
  phone: '13800138000',
  createdAt: new Date(0),
};
const principal = (role: Principal['role'], subjectId?: string): Principal => ({
  kind: 'user',
  userId: 'u',
  role,
  organisationId: null,
  subject: subjectId ? { kind: 'person', id: subjectId } : null,
  sessionId: 's',
});

describe('masking by role', () => {
  it('shows a person everything about themself', () => {
    expect(maskLevelFor(principal('borrower', 'p1'), 'p1')).toBe('none');
    expect(maskPerson(person, 'none')).toMatchObject({
      idNumber: '11010519900307123X',
      name: '欧阳娜娜',
    });
  });

  it('partially masks for operators and lenders', () => {
    expect(maskLevelFor(principal('operator'), 'p1')).toBe('partial');
    expect(maskLevelFor(principal('lender_officer'), 'p1')).toBe('partial');
    expect(maskPerson(person, 'partial')).toMatchObject({
      idNumber: '110***********123X',
      name: '欧***',
      phone: '138****8000',
    });
  });

  it('strongly masks for the regulator', () => {
    expect(maskLevelFor(principal('regulator'), 'p1')).toBe('strong');
    expect(maskPerson(person, 'strong')).toMatchObject({
      idNumber: '11****************',
      name: '****',
      phone: '***********',
    });
  });

  it('treats another borrower as a stranger', () => {
    expect(maskLevelFor(principal('borrower', 'p2'), 'p1')).toBe('partial');
  });
});
