import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { RECORD_CATEGORY_CODES } from '../ingest/categories.js';
import type { AppContext } from '../platform/context.js';
import { answerWithKeyInTransaction } from '../platform/http/idempotency.js';
import {
  AUTHENTICATED_ERRORS,
  DateTime,
  errorResponses,
  IdParams,
  Nullable,
  PageQuery,
  StrictObject,
  StringEnum,
  Uuid,
} from '../platform/http/schemas.js';
import { CHECK_NAMES } from '../verify/checks.js';
import { APPLICATION_STATUSES } from './application-state.js';
import { listApplications } from './application-list.service.js';
import { getApplication, precheck, submitApplication } from './applications.service.js';
import { pastDecisionInputs } from './decision-inputs.service.js';
import { nearestFlip } from './nearest-flip.service.js';
import { replayDecisionAs } from './replay.service.js';
import { claimReview, decideReview, listReviews } from './reviews.service.js';
import {
  listProducts,
  LOAN_TYPES,
  publishProductVersion,
  REPAYMENT_METHODS,
} from './products.service.js';

const Fen = Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'Integer fen, as text' });
const Months = Type.Integer({ minimum: 1, maximum: 360 });
const Score = Type.Integer({ minimum: 0, maximum: 2000 });
const Rate = Type.Integer({ minimum: 0, maximum: 10_000 });

const ProductSchema = Type.Object({
  id: Uuid,
  organisationId: Uuid,
  code: Type.String(),
  version: Type.Integer(),
  status: StringEnum(['published', 'retired']),
  name: Type.String(),
  loanType: Type.String(),
  minAmountFen: Type.String(),
  maxAmountFen: Type.String(),
  minTermMonths: Type.Integer(),
  maxTermMonths: Type.Integer(),
  repaymentMethods: Type.Array(Type.String()),
  rateBpByGrade: Type.Record(Type.String(), Type.Integer()),
  approveFromScore: Type.Integer(),
  declineBelowScore: Type.Integer(),
  requiredCategories: Type.Array(Type.String()),
  requiredChecks: Type.Array(Type.String()),
  requiredContinuousMonths: Type.Integer(),
  secondReviewAboveFen: Type.String(),
  ruleVersionId: Uuid,
  publishedAt: DateTime,
});

const ApplicationSchema = Type.Object({
  id: Uuid,
  productId: Uuid,
  applicantKind: Type.String(),
  applicant: Type.Object(
    {
      kind: StringEnum(['enterprise', 'person']),
      id: Uuid,
      uscc: Type.Union([Type.String(), Type.Null()]),
      name: Type.Union([Type.String(), Type.Null()]),
    },
    {
      description:
        "Who applied: an enterprise by USCC and name; a person by id only (read the person's identity, masked and audited, from /registry/persons/{id})",
    },
  ),
  amountFen: Type.String(),
  termMonths: Type.Integer(),
  repaymentMethod: Type.String(),
  status: Type.String(),
  createdAt: DateTime,
  retryVerificationAt: Type.Union([DateTime, Type.Null()], {
    description: 'While a data source is down: when the checks run again (never a refusal)',
  }),
  timeline: Type.Array(
    Type.Object({
      event: Type.String(),
      from: Type.Union([Type.String(), Type.Null()]),
      to: Type.String(),
      at: DateTime,
      actor: Type.String(),
    }),
  ),
  offers: Type.Array(Type.Unknown(), { description: 'Offers made on approvals, newest last' }),
  contract: Type.Union([Type.Unknown(), Type.Null()], {
    description: 'The contract of the accepted offer: archived document and its SHA-256',
  }),
  loanId: Type.Union([Uuid, Type.Null()]),
  documents: Type.Array(
    Type.Object({
      id: Uuid,
      kind: Type.String(),
      fileName: Type.String(),
      sha256: Type.String(),
      sizeBytes: Type.Integer(),
      createdAt: DateTime,
    }),
    { description: 'Uploaded alternative proof and the contract (read them via /archive)' },
  ),
  reviews: Type.Array(Type.Unknown(), {
    description: "Reviews and explanations asked for, with the officers' written answers",
  }),
  recordsUnderObjection: Type.Array(Type.String(), {
    description: "Records among the checks' evidence that are under an open objection (异议处理中)",
  }),
  checks: Type.Array(Type.Unknown(), {
    description: 'Each check: outcome, and every problem with its code, field, messages and fix',
  }),
  decisions: Type.Array(Type.Unknown()),
});

export const loansRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/loans/products',
    {
      config: { idempotent: true },
      schema: {
        tags: ['loans'],
        summary: 'Publish a new version of a loan product (lender admin); it never changes',
        body: StrictObject({
          code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$' }),
          name: Type.String({ minLength: 1, maxLength: 100 }),
          loanType: StringEnum(LOAN_TYPES),
          minAmountFen: Fen,
          maxAmountFen: Fen,
          minTermMonths: Months,
          maxTermMonths: Months,
          repaymentMethods: Type.Array(StringEnum(REPAYMENT_METHODS), {
            minItems: 1,
            uniqueItems: true,
          }),
          rateBpByGrade: StrictObject(
            {
              A: Type.Optional(Rate),
              B: Type.Optional(Rate),
              C: Type.Optional(Rate),
              D: Type.Optional(Rate),
              E: Type.Optional(Rate),
            },
            'Annual rate in basis points by grade; a grade left out is not lent to',
          ),
          approveFromScore: Score,
          declineBelowScore: Score,
          requiredCategories: Type.Array(StringEnum(RECORD_CATEGORY_CODES), { uniqueItems: true }),
          requiredChecks: Type.Array(StringEnum(CHECK_NAMES), { uniqueItems: true }),
          requiredContinuousMonths: Type.Integer({ minimum: 0, maximum: 120 }),
          secondReviewAboveFen: Fen,
          ruleVersionId: Uuid,
        }),
        response: { 201: ProductSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const product = await publishProductVersion(ctx, request.principal, {
        ...body,
        rateBpByGrade: Object.fromEntries(
          Object.entries(body.rateBpByGrade).filter(
            (entry): entry is [string, number] => entry[1] !== undefined,
          ),
        ),
        minAmountFen: BigInt(body.minAmountFen),
        maxAmountFen: BigInt(body.maxAmountFen),
        secondReviewAboveFen: BigInt(body.secondReviewAboveFen),
      });
      return reply.code(201).send(product);
    },
  );

  app.get(
    '/loans/products',
    {
      schema: {
        tags: ['loans'],
        summary: 'Published loan products',
        response: { 200: Type.Array(ProductSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => listProducts(ctx, request.principal),
  );

  app.post(
    '/loans/applications',
    {
      // The key and its answer are kept in the submission's transaction.
      config: { idempotent: 'in_transaction' },
      schema: {
        tags: ['loans'],
        summary:
          'Apply (borrower, with consent to the lender): checked, scored and decided at once; the answer has every reason and fix',
        body: StrictObject({
          productId: Uuid,
          amountFen: Fen,
          termMonths: Months,
          repaymentMethod: StringEnum(REPAYMENT_METHODS),
          statedEmployerUscc: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
          statedMonthlyIncomeFen: Type.Optional(Fen),
          statedCity: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
        }),
        response: { 201: ApplicationSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const input = {
        ...body,
        amountFen: BigInt(body.amountFen),
        statedMonthlyIncomeFen:
          body.statedMonthlyIncomeFen === undefined
            ? undefined
            : BigInt(body.statedMonthlyIncomeFen),
      };
      return answerWithKeyInTransaction(request, reply, 201, ctx.now, (around) =>
        submitApplication(ctx, request.principal, input, around),
      );
    },
  );

  app.get(
    '/loans/applications',
    {
      schema: {
        tags: ['loans'],
        summary:
          'Applications, newest first: your own (borrower), your bank’s (lender) or all (operator), with filters',
        querystring: StrictObject({
          status: Type.Optional(
            Type.String({
              pattern: `^(${APPLICATION_STATUSES.join('|')})(,(${APPLICATION_STATUSES.join('|')}))*$`,
              description: 'One status or several, comma-separated',
            }),
          ),
          outcome: Type.Optional(StringEnum(['approve', 'review', 'decline', 'pending'])),
          productCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          applicantKind: Type.Optional(StringEnum(['enterprise', 'person'])),
          from: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
          to: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
          ...PageQuery,
        }),
        response: {
          200: Type.Object({
            total: Type.Integer(),
            items: Type.Array(
              Type.Object({
                id: Uuid,
                productId: Uuid,
                productCode: Type.String(),
                productName: Type.String(),
                productVersion: Type.Integer(),
                applicantKind: StringEnum(['enterprise', 'person']),
                applicantUscc: Nullable(Type.String()),
                applicantName: Nullable(Type.String()),
                amountFen: Type.String(),
                termMonths: Type.Integer(),
                status: Type.String(),
                outcome: Nullable(StringEnum(['approve', 'review', 'decline', 'pending'])),
                automated: Nullable(Type.Boolean()),
                limitFen: Nullable(Type.String()),
                rateBp: Nullable(Type.Integer()),
                decidedAt: Nullable(DateTime),
                createdAt: DateTime,
                updatedAt: DateTime,
              }),
            ),
          }),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => {
      const { status, from, to, limit, offset, ...rest } = request.query;
      return listApplications(ctx, request.principal, {
        ...rest,
        statuses: status
          ? (status.split(',') as (typeof APPLICATION_STATUSES)[number][])
          : undefined,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
        limit: limit ?? 50,
        offset: offset ?? 0,
      });
    },
  );

  app.get(
    '/loans/applications/:id',
    {
      schema: {
        tags: ['loans'],
        summary: 'An application: timeline, checks with their fixes, decisions with every reason',
        params: IdParams,
        response: { 200: ApplicationSchema, ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => getApplication(ctx, request.principal, request.params.id),
  );

  app.get(
    '/loans/decisions/:id/replay',
    {
      schema: {
        tags: ['loans'],
        summary:
          'Re-run a stored decision from its snapshot with the model, rule and product versions it names',
        params: IdParams,
        response: { 200: Type.Unknown(), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => replayDecisionAs(ctx, request.principal, request.params.id),
  );

  app.get(
    '/loans/decision-inputs',
    {
      schema: {
        tags: ['loans'],
        summary:
          "The policy inputs of the bank's past automated decisions, newest first: cases to dry-run a rule version on (lender)",
        querystring: StrictObject({
          productCode: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
        }),
        response: {
          200: Type.Array(
            Type.Object({
              id: Uuid,
              applicationId: Uuid,
              outcome: StringEnum(['approve', 'review', 'decline', 'pending']),
              decidedAt: DateTime,
              input: Type.Object({}, { additionalProperties: true }),
            }),
          ),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) =>
      pastDecisionInputs(ctx, request.principal, {
        productCode: request.query.productCode,
        limit: request.query.limit ?? 500,
      }),
  );

  app.get(
    '/loans/applications/:id/nearest-flip',
    {
      schema: {
        tags: ['loans'],
        summary:
          'For a declined application: the nearest single change of your data that would have given another answer',
        params: IdParams,
        response: {
          200: Type.Object({
            applicationId: Uuid,
            flip: Type.Union([Type.Unknown(), Type.Null()]),
          }),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) => nearestFlip(ctx, request.principal, request.params.id),
  );

  app.post(
    '/loans/prechecks',
    {
      schema: {
        tags: ['loans'],
        summary:
          "Run a product's checks on your own data before applying: every problem with what to do about it",
        body: StrictObject({
          productId: Uuid,
          statedEmployerUscc: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
          statedMonthlyIncomeFen: Type.Optional(Fen),
          statedCity: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
        }),
        response: {
          200: Type.Object({
            outcome: StringEnum(['pass', 'fail', 'pending']),
            retryAfterSeconds: Type.Union([Type.Integer(), Type.Null()]),
            checks: Type.Array(Type.Unknown()),
          }),
          ...errorResponses(...AUTHENTICATED_ERRORS),
        },
      },
    },
    async (request) =>
      precheck(ctx, request.principal, {
        ...request.body,
        statedMonthlyIncomeFen:
          request.body.statedMonthlyIncomeFen === undefined
            ? undefined
            : BigInt(request.body.statedMonthlyIncomeFen),
      }),
  );

  const ReviewSchema = Type.Object({
    id: Uuid,
    applicationId: Uuid,
    reason: StringEnum(['policy', 'human_requested', 'explanation_requested']),
    requestNote: Type.Union([Type.String(), Type.Null()], {
      description: "What the borrower wrote when asking for a person's review or explanation",
    }),
    status: StringEnum(['open', 'claimed', 'awaiting_second', 'done']),
    claimedBy: Type.Union([Uuid, Type.Null()]),
    firstApprovalBy: Type.Union([Uuid, Type.Null()]),
    firstApproval: Type.Union(
      [
        Type.Object({
          limitFen: Type.String(),
          rateBp: Type.Union([Type.Integer(), Type.Null()]),
          termMonths: Type.Integer(),
          note: Type.String(),
        }),
        Type.Null(),
      ],
      { description: 'The first approval awaiting a second officer: limit, rate, term, reason' },
    ),
    amountFen: Type.String(),
    applicantKind: Type.String(),
    createdAt: DateTime,
    waitingSeconds: Type.Integer({
      description: 'How long it has waited: the service-level timer',
    }),
  });

  app.get(
    '/loans/reviews',
    {
      schema: {
        tags: ['loans'],
        summary: "The lender's manual-review queue, oldest first, with waiting times",
        response: { 200: Type.Array(ReviewSchema), ...errorResponses(...AUTHENTICATED_ERRORS) },
      },
    },
    async (request) => listReviews(ctx, request.principal),
  );

  app.post(
    '/loans/reviews/:id/claim',
    {
      schema: {
        tags: ['loans'],
        summary: 'Take a review (lender officer); nobody else decides it meanwhile',
        params: IdParams,
        response: { 200: Type.Unknown(), ...errorResponses(...AUTHENTICATED_ERRORS, 409) },
      },
    },
    async (request) => claimReview(ctx, request.principal, request.params.id),
  );

  app.post(
    '/loans/reviews/:id/decide',
    {
      schema: {
        tags: ['loans'],
        summary:
          'Decide a claimed review with a reason; an approval above the product threshold waits for a second officer',
        params: IdParams,
        body: StrictObject({
          outcome: StringEnum(['approve', 'decline']),
          reason: Type.String({ minLength: 1, maxLength: 500 }),
          limitFen: Type.Optional(Fen),
          rateBp: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
          termMonths: Type.Optional(Months),
        }),
        response: {
          200: Type.Object({ status: StringEnum(['awaiting_second', 'done']) }),
          ...errorResponses(...AUTHENTICATED_ERRORS, 409),
        },
      },
    },
    async (request) =>
      decideReview(ctx, request.principal, request.params.id, {
        ...request.body,
        limitFen: request.body.limitFen === undefined ? undefined : BigInt(request.body.limitFen),
      }),
  );
};
