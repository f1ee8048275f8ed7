import { randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import { storeDocument } from '../archive/archive.service.js';
import { recordAudit } from '../ledger/ledger.service.js';
import { requireUser } from '../platform/auth/guards.js';
import { findOrganisation } from '../platform/auth/accounts.service.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db.js';
import { DomainError, invalidField, notFound } from '../platform/errors.js';
import { chinaDate } from '../platform/time.js';
import { applicantIdentity } from '../registry/registry.service.js';
import type { ApplicationStatus } from './application-state.js';
import { moveApplication } from './application-events.js';
import { renderContract } from './contract-text.js';
import type { LoanOffersTable } from './loans.table.js';
import type { DayCount } from './day-count.js';
import { findProduct, highestRate } from './products.service.js';
import { buildSchedule, type RepaymentMethod } from './schedule.js';

/** How long an offer stands, and a contract waits for the borrower's confirmation. */
export const OFFER_VALID_DAYS = 7;
const DAY_MS = 86_400_000;
/** Every schedule xinyi generates states this day count; products may choose one later. */
export const DEFAULT_DAY_COUNT: DayCount = 'monthly_30_360';

type ApplicationRow = {
  id: string;
  status: string;
  product_id: string;
  term_months: number;
  repayment_method: string;
  borrower_user_id: string;
  applicant_kind: 'enterprise' | 'person';
  applicant_id: string;
  lender_organisation_id: string;
};

async function lockApplication(tx: Tx, id: string): Promise<ApplicationRow | undefined> {
  return tx
    .selectFrom('loan_applications')
    .select([
      'id',
      'status',
      'product_id',
      'term_months',
      'repayment_method',
      'borrower_user_id',
      'applicant_kind',
      'applicant_id',
      'lender_organisation_id',
    ])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * The rate of an approval: the decision's own, else the machine's earlier rate for the
 * application (an officer approving a referred case keeps the priced rate), else the
 * product's highest rate, the price of its riskiest grade.
 */
async function approvedRate(
  tx: Tx,
  application: ApplicationRow,
  decisionRate: number | null,
): Promise<number> {
  if (decisionRate !== null) return decisionRate;
  const machine = await tx
    .selectFrom('loan_decisions')
    .select('rate_bp')
    .where('application_id', '=', application.id)
    .where('rate_bp', 'is not', null)
    .orderBy('decided_at', 'desc')
    .executeTakeFirst();
  if (machine?.rate_bp != null) return machine.rate_bp;
  return highestRate(await findProduct(tx, application.product_id));
}

/**
 * Turns the application's latest approval into an offer, in the caller's transaction: the
 * approved limit, rate and term, the requested repayment method, valid OFFER_VALID_DAYS.
 */
export async function offerOnApproval(ctx: AppContext, tx: Tx, applicationId: string) {
  const application = await lockApplication(tx, applicationId);
  const decision = await tx
    .selectFrom('loan_decisions')
    .select(['id', 'outcome', 'limit_fen', 'rate_bp', 'term_months'])
    .where('application_id', '=', applicationId)
    .orderBy('decided_at', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  if (!application || decision?.outcome !== 'approve' || decision.limit_fen === null) {
    throw new Error(`application ${applicationId} has no approval to offer`);
  }
  const now = ctx.now();
  const offer = newOffer(
    application,
    { ...decision, limit_fen: decision.limit_fen },
    await approvedRate(tx, application, decision.rate_bp),
    now,
  );
  await tx.insertInto('loan_offers').values(offer).execute();
  await moveApplication(
    tx,
    { id: applicationId, status: application.status as ApplicationStatus },
    'offer',
    'system',
    now,
    { offerId: offer.id, amountFen: offer.amount_fen.toString(), rateBp: offer.annual_rate_bp },
  );
  return offer;
}

/** The offer of an approval: its limit, rate and term, valid OFFER_VALID_DAYS from `now`. */
export function newOffer(
  application: { id: string; term_months: number; repayment_method: string },
  decision: { id: string; limit_fen: bigint; term_months: number | null },
  annualRateBp: number,
  now: Date,
): Selectable<LoanOffersTable> & Insertable<LoanOffersTable> {
  return {
    id: randomUUID(),
    application_id: application.id,
    decision_id: decision.id,
    amount_fen: decision.limit_fen,
    annual_rate_bp: annualRateBp,
    term_months: decision.term_months ?? application.term_months,
    repayment_method: application.repayment_method,
    day_count: DEFAULT_DAY_COUNT,
    created_at: now,
    expires_at: new Date(now.getTime() + OFFER_VALID_DAYS * DAY_MS),
  };
}

/** An offer as an application's page shows it. */
export function offerView(offer: Selectable<LoanOffersTable>) {
  return {
    id: offer.id,
    decisionId: offer.decision_id,
    amountFen: offer.amount_fen.toString(),
    annualRateBp: offer.annual_rate_bp,
    termMonths: offer.term_months,
    repaymentMethod: offer.repayment_method,
    dayCount: offer.day_count,
    createdAt: offer.created_at,
    expiresAt: offer.expires_at,
  };
}

async function borrowersApplication(tx: Tx, principal: Principal | null, id: string) {
  const actor = requireUser(principal, 'borrower');
  const application = await lockApplication(tx, id);
  if (!application || application.borrower_user_id !== actor.userId) {
    throw notFound('application');
  }
  return { actor, application };
}

async function latestOffer(tx: Tx, applicationId: string) {
  return tx
    .selectFrom('loan_offers')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

function requireStatus(application: ApplicationRow, status: ApplicationStatus, detail: string) {
  if (application.status !== status) {
    throw new DomainError('CONFLICT', { detail: `${detail} (${application.status})` });
  }
}

/**
 * The borrower accepts the standing offer: the contract is generated from its terms, stored
 * in the e-archive by its SHA-256, and waits for the borrower's confirmation of that hash.
 */
export async function acceptOffer(ctx: AppContext, principal: Principal | null, id: string) {
  return ctx.db.transaction().execute(async (tx) => {
    const { actor, application } = await borrowersApplication(tx, principal, id);
    requireStatus(application, 'offered', 'only an offered application can be accepted');
    const offer = await latestOffer(tx, id);
    if (!offer) throw notFound('application');
    const now = ctx.now();
    if (offer.expires_at <= now) throw new DomainError('OFFER_EXPIRED');
    const contract = await generateContract(ctx, tx, application, offer, now);
    await moveApplication(tx, { id, status: 'offered' }, 'accept', `user:${actor.userId}`, now, {
      offerId: offer.id,
      contractId: contract.id,
    });
    await recordAudit(tx, {
      actor,
      action: 'loans.offer_accepted',
      subject: { kind: 'loan_application', id },
      detail: { offerId: offer.id, documentSha256: contract.documentSha256 },
    });
    return contract;
  });
}

async function generateContract(
  ctx: AppContext,
  tx: Tx,
  application: ApplicationRow,
  offer: NonNullable<Awaited<ReturnType<typeof latestOffer>>>,
  now: Date,
) {
  const subject = { kind: application.applicant_kind, id: application.applicant_id };
  const [identity, lender, product] = await Promise.all([
    applicantIdentity(ctx, tx, subject),
    findOrganisation(tx, application.lender_organisation_id),
    findProduct(tx, application.product_id),
  ]);
  if (!identity || !lender) throw new Error(`application ${application.id} lost its parties`);
  const issuedOn = chinaDate(now);
  const contractId = randomUUID();
  const text = renderContract({
    contractId,
    applicationId: application.id,
    lenderName: lender.name,
    borrowerName: identity.name,
    borrowerIdentifier: identity.identifier,
    productName: product.name,
    amountFen: offer.amount_fen,
    annualRateBp: offer.annual_rate_bp,
    termMonths: offer.term_months,
    repaymentMethod: offer.repayment_method,
    schedule: buildSchedule({
      principal: offer.amount_fen,
      annualRateBp: offer.annual_rate_bp,
      termMonths: offer.term_months,
      method: offer.repayment_method as RepaymentMethod,
      startDate: issuedOn,
      dayCount: offer.day_count as DayCount,
    }),
    issuedOn,
  });
  const document = await storeDocument(ctx, tx, {
    content: Buffer.from(text, 'utf8'),
    mediaType: 'text/plain; charset=utf-8',
    fileName: `loan-contract-${contractId}.txt`,
    kind: 'loan_contract',
    ownerUserId: application.borrower_user_id,
    subject,
    applicationId: application.id,
  });
  await tx
    .insertInto('loan_contracts')
    .values({
      id: contractId,
      application_id: application.id,
      offer_id: offer.id,
      document_id: document.id,
      document_sha256: document.sha256,
      created_at: now,
      confirmed_at: null,
      confirmed_by: null,
    })
    .execute();
  return { id: contractId, documentId: document.id, documentSha256: document.sha256 };
}

/**
 * The borrower confirms the contract by naming its SHA-256: a confirmation of any other text
 * is refused, so what was signed is exactly what the archive holds.
 */
export async function confirmContract(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  documentSha256: string,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const { actor, application } = await borrowersApplication(tx, principal, id);
    requireStatus(application, 'accepted', 'only an accepted offer has a contract to confirm');
    const contract = await tx
      .selectFrom('loan_contracts')
      .selectAll()
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow();
    if (contract.document_sha256 !== documentSha256.toLowerCase()) {
      throw invalidField('/body/documentSha256', 'CONTRACT_HASH_MISMATCH');
    }
    const offer = await latestOffer(tx, id);
    const now = ctx.now();
    if (!offer || offer.expires_at <= now) throw new DomainError('OFFER_EXPIRED');
    await tx
      .updateTable('loan_contracts')
      .set({ confirmed_at: now, confirmed_by: actor.userId })
      .where('id', '=', contract.id)
      .execute();
    await moveApplication(
      tx,
      { id, status: 'accepted' },
      'sign_contract',
      `user:${actor.userId}`,
      now,
      {
        contractId: contract.id,
        documentSha256: contract.document_sha256,
      },
    );
    await recordAudit(tx, {
      actor,
      action: 'loans.contract_confirmed',
      subject: { kind: 'loan_application', id },
      detail: { contractId: contract.id, documentSha256: contract.document_sha256 },
    });
    return { contractId: contract.id, documentSha256: contract.document_sha256, confirmedAt: now };
  });
}

/** Offers and the contract of an application, for its page. */
export async function offersAndContract(db: Tx | AppContext['db'], applicationId: string) {
  const [offers, contract] = await Promise.all([
    db
      .selectFrom('loan_offers')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('loan_contracts')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst(),
  ]);
  return {
    offers: offers.map(offerView),
    contract: contract
      ? {
          id: contract.id,
          documentId: contract.document_id,
          documentSha256: contract.document_sha256,
          createdAt: contract.created_at,
          confirmedAt: contract.confirmed_at,
        }
      : null,
  };
}

/** Offers (and accepted offers' contracts) past their date lapse: the application expires. */
export async function expireOffers(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const lapsed = await ctx.db
    .selectFrom('loan_applications')
    .innerJoin('loan_offers', 'loan_offers.application_id', 'loan_applications.id')
    .select(['loan_applications.id', 'loan_applications.status'])
    .where('loan_applications.status', 'in', ['offered', 'accepted'])
    .where('loan_offers.expires_at', '<=', now)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('loan_offers as newer')
            .select('newer.id')
            .whereRef('newer.application_id', '=', 'loan_applications.id')
            .where('newer.expires_at', '>', now),
        ),
      ),
    )
    .execute();
  let expired = 0;
  for (const { id } of lapsed) {
    expired += await ctx.db.transaction().execute(async (tx) => {
      const application = await lockApplication(tx, id);
      if (!application || !['offered', 'accepted'].includes(application.status)) return 0;
      await moveApplication(
        tx,
        { id, status: application.status as ApplicationStatus },
        'expire',
        'system',
        now,
      );
      return 1;
    });
  }
  return expired;
}
