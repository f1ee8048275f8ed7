import { describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { keySpent } from './intention-key';

describe('keySpent', () => {
  it('spends the key after success and after a refusal', () => {
    expect(keySpent()).toBe(true);
    expect(keySpent(new ApiError(400, 'VALIDATION', 'bad'))).toBe(true);
    expect(keySpent(new ApiError(409, 'CONFLICT', 'taken'))).toBe(true);
  });

  it('keeps the key when the request may have created something', () => {
    expect(keySpent(new ApiError(0, 'NETWORK', 'offline'))).toBe(false);
    expect(keySpent(new ApiError(500, 'INTERNAL', 'boom'))).toBe(false);
    expect(keySpent(new ApiError(503, 'HTTP_503', 'unavailable'))).toBe(false);
    expect(keySpent(new TypeError('failed to fetch'))).toBe(false);
  });
});
