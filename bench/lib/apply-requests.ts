import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';

/**
 * Autocannon requests of borrowers applying for a product: each connection is one borrower
 * (its own token) and every request a new application (a fresh Idempotency-Key).
 */
export function applicationRequests(
  productId: string,
  tokens: readonly string[],
): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'POST',
      setupRequest: (request, context: object) => {
        const connection = context as { token?: string };
        connection.token ??= tokens[next++ % tokens.length] ?? '';
        return { ...request, ...applicationRequest(productId, connection.token) };
      },
    },
  ];
}

/** One borrower's application: a new Idempotency-Key each time, so each is decided anew. */
export function applicationRequest(productId: string, token: string) {
  return {
    method: 'POST' as const,
    path: '/loans/applications',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      productId,
      amountFen: '50000000',
      termMonths: 12,
      repaymentMethod: 'equal_instalment',
    }),
  };
}
