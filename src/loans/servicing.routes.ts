import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppContext } from '../platform/context.js';
import {
  AUTHENTICATED_ERRORS,
  DateTime,
  errorResponses,
  IdParams,
  Nullable,
  StrictObject,
  StringEnum,
  Uuid,
} from '../platform/http/schemas.js';
import { acceptOffer, confirmContract } from './offers.service.js';
import { answerExplanation, requestExplanation, requestHumanReview } from './reviews.service.js';
import {
  disburse,
  getLoan,
  listLoans,
  quoteEarlySettlement,
  recordRepayment,
  settleEarly,
} from './servicing.service.js';

const Fen = Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'Integer fen, as text' });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Reference = Type.String({
  minLength: 1,
  maxLength: 64,
  description: "The payment's reference at the bank: the same reference is the same payment",
});

const LoanSchema = Type.Object({
  id: Uuid,
  applicationId: Uuid,
  contractId: Uuid,
  applicantKind: Type.String(),
  principalFen: Type.String(),
  annualRateBp: Type.Integer(),
  termMonths: Type.Integer(),
  repaymentMethod: Type.String(),
  dayCount: Type.String(),
  disbursedOn: Type.String(),
  status: StringEnum(['active', 'closed']),
  closedOn: Nullable(Type.String()),
  scheduleVersion: Type.Integer(),
  asOf: Type.String(),
  daysPastDue: Type.Integer(),
  bucket: StringEnum(['current', 'M1', 'M2', 'M3', 'M4+']),
  overdueFen: Type.String(),
  outstandingFen: Type.String(),
  schedule: Type.Array(
    Type.Object({
      number: Type.Integer(),
      dueDate: Type.String(),
      principalFen: Type.String(),
      interestFen: Type.String(),
      totalFen: Type.String(),
      outstandingFen: Type.String(),
      settledOn: Nullable(Type.String()),
      daysPastDue: Type.Integer(),
    }),
  ),
  earlierSchedules: Type.Array(
    Type.Object({
      version: Type.Integer(),
      instalments: Type.Array(
        Type.Object({
          number: Type.Integer(),
          dueDate: Type.String(),
          principalFen: Type.String(),
          interestFen: Type.String(),
        }),
      ),
    }),
    { description: 'The schedules an early settlement replaced, newest first: kept as they were' },
  ),
  repayments: Type.Array(
    Type.Object({
      amountFen: Type.String(),
      paidOn: Type.String(),
      kind: Type.String(),
      reference: Type.String(),
    }),
  ),
});

const ContractSchema = Type.Object({
  id: Uuid,
  documentId: Uuid,
  documentSha256: Type.String(),
});

const PaymentBody = StrictObject({
  amountFen: Fen,
  reference: Reference,
  paidOn: Type.Optional(IsoDate),
});

const Note = Type.Optional(Type.String({ minLength: 1, maxLength: 1000 }));

/** After approval: offer, contract, disbursement, repayments; and the way back to a person. */
export const servicingRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (
  app,
  { ctx },
) => {
  app.post(
    '/loans/applications/:id/accept',
    {
      schema: {
        tags: ['loans'],
        summary:
          'Accept the standing offer (borrower): the contract is generated and archived by its SHA-256',
        params: IdParams,
        response: { 200: ContractSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request) => acceptOffer(ctx, request.principal, request.params.id),
  );

  app.post(
    '/loans/applications/:id/contract/confirm',
    {
      schema: {
        tags: ['loans'],
        summary:
          "Confirm the contract (borrower) by naming its document's SHA-256: exactly that text is signed",
        params: IdParams,
        body: StrictObject({ documentSha256: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }) }),
        response: {
          200: Type.Object({
            contractId: Uuid,
            documentSha256: Type.String(),
            confirmedAt: DateTime,
          }),
          ...errorResponses(...AUTHENTICATED_ERRORS, 409),
        },
      },
    },
    async (request) =>
      confirmContract(ctx, request.principal, request.params.id, request.body.documentSha256),
  );

  app.post(
    '/loans/applications/:id/disbursement',
    {
      config: { idempotent: true },
      schema: {
        tags: ['loans'],
        summary:
          'Pay out a contracted loan (lender): the loan opens with its schedule from the disbursement day',
        params: IdParams,
        body: StrictObject({ reference: Reference, disbursedOn: Type.Optional(IsoDate) }),
        response: { 201: LoanSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await disburse(ctx, request.principal, request.params.id, request.body)),
  );

  app.post(
    '/loans/applications/:id/human-review',
    {
      schema: {
        tags: ['loans'],
        summary:
          'Refuse an automated decision and ask a person to decide again (borrower, PIPL art. 24)',
        params: IdParams,
        body: StrictObject({ note: Note }),
        response: {
          202: Type.Object({ reviewId: Uuid, status: Type.String() }),
          ...errorResponses(...AUTHENTICATED_ERRORS, 409),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          await requestHumanReview(ctx, request.principal, request.params.id, request.body.note),
        ),
  );

  app.post(
    '/loans/applications/:id/explanation',
    {
      schema: {
        tags: ['loans'],
        summary: 'Ask a person to explain a decision (borrower, PIPL art. 24)',
        params: IdParams,
        body: StrictObject({ note: Note }),
        response: {
          202: Type.Object({ reviewId: Uuid, status: Type.String() }),
          ...errorResponses(...AUTHENTICATED_ERRORS, 409),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(202)
        .send(
          await requestExplanation(ctx, request.principal, request.params.id, request.body.note),
        ),
  );

  app.post(
    '/loans/reviews/:id/explain',
    {
      schema: {
        tags: ['loans'],
        summary: 'Answer a claimed request for an explanation in writing (lender officer)',
        params: IdParams,
        body: StrictObject({ answer: Type.String({ minLength: 1, maxLength: 4000 }) }),
        response: {
          200: Type.Object({ status: Type.Literal('done') }),
          ...errorResponses(...AUTHENTICATED_ERRORS, 409),
        },
      },
    },
    async (request) =>
      answerExplanation(ctx, request.principal, request.params.id, request.body.answer),
  );

  app.get(
    '/loans',
    {
      schema: {
        tags: ['loans'],
        summary: "Loans: the borrower's own, or the lender's book with days past due and buckets",
        querystring: StrictObject({
          status: Type.Optional(StringEnum(['active', 'closed'])),
          bucket: Type.Optional(StringEnum(['current', 'M1', 'M2', 'M3', 'M4+'])),
        }),
        response: { 200: Type.Array(LoanSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => listLoans(ctx, request.principal, request.query),
  );

  app.get(
    '/loans/:id',
    {
      schema: {
        tags: ['loans'],
        summary: 'A loan: schedule, what each instalment still owes, days past due, repayments',
        params: IdParams,
        response: { 200: LoanSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => getLoan(ctx, request.principal, request.params.id),
  );

  app.post(
    '/loans/:id/repayments',
    {
      schema: {
        tags: ['loans'],
        summary:
          'Record money received (lender); the bank reference makes it idempotent; the last one closes the loan',
        params: IdParams,
        body: PaymentBody,
        response: { 200: LoanSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request) =>
      recordRepayment(ctx, request.principal, request.params.id, {
        ...request.body,
        amountFen: BigInt(request.body.amountFen),
      }),
  );

  app.get(
    '/loans/:id/early-settlement',
    {
      schema: {
        tags: ['loans'],
        summary: 'What settles the loan in full on a day (today by default)',
        params: IdParams,
        querystring: StrictObject({ date: Type.Optional(IsoDate) }),
        response: {
          200: Type.Object({
            date: Type.String(),
            principalFen: Type.String(),
            dueInterestFen: Type.String(),
            accruedInterestFen: Type.String(),
            accrualDays: Type.Integer(),
            paidAheadFen: Type.String(),
            amountDueFen: Type.String(),
          }),
          ...errorResponses(...AUTHENTICATED_ERRORS, 409),
        },
      },
    },
    async (request) =>
      quoteEarlySettlement(ctx, request.principal, request.params.id, request.query.date),
  );

  app.post(
    '/loans/:id/early-settlement',
    {
      schema: {
        tags: ['loans'],
        summary:
          'Record an early settlement in full (lender): the amount must be the quote of that day',
        params: IdParams,
        body: PaymentBody,
        response: { 200: LoanSchema, ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request) =>
      settleEarly(ctx, request.principal, request.params.id, {
        ...request.body,
        amountFen: BigInt(request.body.amountFen),
      }),
  );
};
