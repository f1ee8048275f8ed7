import { fileObjection, actOnObjection, listObjections } from '../disputes/disputes.service.js';
import { currentRecordsOf } from '../ingest/records.service.js';
import { listApplications } from '../loans/application-list.service.js';
import { submitApplication } from '../loans/applications.service.js';
import { acceptOffer, confirmContract } from '../loans/offers.service.js';
import {
  listProducts,
  publishProductVersion,
  type NewProductVersion,
} from '../loans/products.service.js';
import { claimReview, decideReview, listReviews } from '../loans/reviews.service.js';
import { disburse, recordRepayment } from '../loans/servicing.service.js';
import { findOrganisationByCode, findUserByLogin } from '../platform/auth/accounts.service.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { chinaDate } from '../platform/time.js';
import { grantConsent } from '../registry/consent.service.js';
import {
  findEnterpriseByUscc,
  registerBorrower,
  subjectRefOf,
} from '../registry/registry.service.js';
import { defaultPolicy } from '../rules/default-policy.js';
import { createRuleVersion, publishRuleVersion } from '../rules/rules.service.js';
import { DEMO_PASSWORD } from './seed.js';

/**
 * The demo's lending history, so that every portal has something to show on a fresh start:
 * banks A and B publish products on the default policy; a deterministic share of the
 * enterprises (and two persons) consent and apply over the past eleven months, through the
 * loans domain as a borrower and an officer would. The machine approves, declines or asks a
 * person; officers decide most reviews; most offers are accepted and their contracts
 * confirmed; loans are paid out on the day and repaid on schedule — except by the borrowers
 * the generator's outcomes mark as defaulting, who stop paying, so that some loans are
 * overdue and the oldest of them in default. A few borrowers object to a record; the oldest
 * objections have missed their deadline.
 *
 * Each application happens on its own day in the past: the steps run with a clock set back
 * to that day (moving on in real time, so decision times are real), and repayments are
 * recorded today with the day they were paid.
 *
 * The history may be interrupted (the server seeds it after it listens) and run again: what
 * exists is kept, not repeated. The banks' products are reused, a borrower's login is
 * reused, and a borrower who has applied or objected already is left as they are (a story
 * cut short stays a plausible one: an application waiting, an offer not yet accepted).
 */

const DAY = 86_400_000;
/** One enterprise in this many applies (300 generated enterprises: 50 applications). */
const ENTERPRISE_SHARE = 6;
const HISTORY_DAYS = 330;
const TERM_MONTHS = 12;
const REGISTER_AT_ONCE = 4;

export interface DemoApplicant {
  readonly kind: 'enterprise' | 'person';
  /** USCC or resident ID. */
  readonly identifier: string;
  /** The person's registered name (persons only; an enterprise's comes from the registry). */
  readonly name?: string;
  /** Whether the generator's hidden process makes it default. */
  readonly defaults: boolean;
}

export interface DemoActivityResult {
  readonly applications: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly loans: number;
  readonly objections: number;
}

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

const asPrincipal = (user: {
  id: string;
  role: UserPrincipal['role'];
  organisationId: string | null;
  subject: UserPrincipal['subject'];
}): UserPrincipal => ({
  kind: 'user',
  userId: user.id,
  role: user.role,
  organisationId: user.organisationId,
  subject: user.subject,
  sessionId: 'demo-seed',
});

async function staff(ctx: AppContext, login: string): Promise<UserPrincipal> {
  const user = await findUserByLogin(ctx.db, login);
  if (!user) throw new Error(`demo account ${login} is missing`);
  return asPrincipal(user);
}

/** The same context with its clock moved back to `day`, moving on in real time from there. */
function clockAt(ctx: AppContext, day: Date): AppContext {
  const offset = ctx.now().getTime() - day.getTime();
  return { ...ctx, now: () => new Date(ctx.now().getTime() - offset) };
}

const PRODUCT_BASE = {
  minAmountFen: 5_000_000n,
  maxAmountFen: 100_000_000n,
  minTermMonths: 6,
  maxTermMonths: 24,
  repaymentMethods: ['equal_instalment', 'equal_principal'],
  requiredContinuousMonths: 0,
  secondReviewAboveFen: 1_000_000_000n,
} satisfies Partial<NewProductVersion>;

interface Bank {
  readonly organisationId: string;
  readonly admin: UserPrincipal;
  readonly officer: UserPrincipal;
  readonly enterpriseProduct: string;
  readonly personProduct: string | null;
}

async function publishBank(
  ctx: AppContext,
  code: 'bank-a' | 'bank-b',
  product: Pick<NewProductVersion, 'code' | 'name' | 'loanType' | 'rateBpByGrade'>,
  personProduct: Pick<NewProductVersion, 'code' | 'name' | 'loanType' | 'rateBpByGrade'> | null,
): Promise<Bank> {
  const admin = await staff(ctx, `${code}-admin`);
  const officer = await staff(ctx, `${code}-officer`);
  const published = (await listProducts(ctx, admin)).filter(
    (p) => p.organisationId === admin.organisationId,
  );
  const existing = (wanted: typeof product | null) =>
    wanted ? published.find((p) => p.code === wanted.code) : undefined;
  const [enterpriseExisting, personExisting] = [existing(product), existing(personProduct)];
  if (enterpriseExisting && (personProduct === null || personExisting)) {
    return {
      organisationId: admin.organisationId ?? '',
      admin,
      officer,
      enterpriseProduct: enterpriseExisting.id,
      personProduct: personExisting?.id ?? null,
    };
  }
  const rules = await createRuleVersion(ctx, admin, {
    name: `${code}-default-policy`,
    jdm: defaultPolicy(),
  });
  await publishRuleVersion(ctx, admin, rules.id);
  const publish = (p: NonNullable<typeof personProduct>, kind: 'enterprise' | 'person') =>
    publishProductVersion(ctx, admin, {
      ...PRODUCT_BASE,
      ...p,
      // Around the demo's median score (about 590): a third approved by the machine alone.
      approveFromScore: 600,
      declineBelowScore: 545,
      requiredCategories: kind === 'enterprise' ? ['business_registration', 'tax'] : [],
      requiredChecks: kind === 'enterprise' ? ['identity', 'business_status'] : ['identity'],
      ruleVersionId: rules.id,
    });
  const enterpriseProduct = await publish(product, 'enterprise');
  const person = personProduct ? await publish(personProduct, 'person') : null;
  return {
    organisationId: admin.organisationId ?? '',
    admin,
    officer,
    enterpriseProduct: enterpriseProduct.id,
    personProduct: person?.id ?? null,
  };
}

async function registerApplicant(ctx: AppContext, applicant: DemoApplicant, n: number) {
  const login = `demo-borrower-${String(n + 1).padStart(3, '0')}`;
  // The applicants come in the same order every time, so a login names the same one.
  const registered = await findUserByLogin(ctx.db, login);
  if (registered) return registered;
  if (applicant.kind === 'person') {
    return registerBorrower(ctx, {
      login,
      password: DEMO_PASSWORD,
      subjectKind: 'person',
      idNumber: applicant.identifier,
      name: applicant.name ?? '',
    });
  }
  const enterprise = await findEnterpriseByUscc(ctx.db, applicant.identifier);
  if (!enterprise) return null;
  return registerBorrower(ctx, {
    login,
    password: DEMO_PASSWORD,
    subjectKind: 'enterprise',
    uscc: enterprise.uscc,
    name: enterprise.name,
  });
}

/**
 * An officer decides a review: most borrowers who will default are declined, but not all
 * (an officer cannot see the future either), so that some loans go bad.
 */
async function decideByOfficer(
  ctx: AppContext,
  bank: Bank,
  applicationId: string,
  decline: boolean,
) {
  const queue = await listReviews(ctx, bank.officer);
  const task = queue.find((item) => item.applicationId === applicationId);
  if (!task) return;
  await claimReview(ctx, bank.officer, task.id);
  await decideReview(
    ctx,
    bank.officer,
    task.id,
    decline
      ? { outcome: 'decline', reason: '经营流水不足以覆盖月供' }
      : { outcome: 'approve', reason: '纳税与经营记录稳定，同意放款' },
  );
}

/**
 * Repays a loan on schedule up to today; a defaulting borrower stops after a few
 * instalments (how many follows its number, so that the overdue buckets differ).
 */
async function repay(
  ctx: AppContext,
  bank: Bank,
  loan: { id: string; schedule: readonly { number: number; dueDate: string; totalFen: string }[] },
  applicant: DemoApplicant,
  n: number,
) {
  const today = chinaDate(ctx.now());
  // Besides those the outcomes mark, one borrower in six stops paying: the machine and the
  // officers decline most of the marked ones, and the demo needs loans that go bad.
  const stops = applicant.defaults || n % 6 === 1;
  const paidInstalments = stops ? 1 + (n % 3) : Number.MAX_SAFE_INTEGER;
  for (const instalment of loan.schedule) {
    if (instalment.dueDate > today || instalment.number > paidInstalments) break;
    await recordRepayment(ctx, bank.officer, loan.id, {
      amountFen: BigInt(instalment.totalFen),
      reference: `DEMO-${loan.id.slice(0, 8)}-${instalment.number}`,
      paidOn: instalment.dueDate,
    });
  }
}

/** One borrower's story: consent, application, decision, offer, contract, loan, repayments. */
async function lend(
  ctx: AppContext,
  banks: readonly Bank[],
  applicant: DemoApplicant & { borrower: UserPrincipal },
  n: number,
  total: number,
): Promise<{ outcome: string; loan: boolean } | null> {
  const { borrower } = applicant;
  const bank = applicant.kind === 'person' ? banks[1] : banks[n % banks.length];
  const productId = applicant.kind === 'person' ? bank?.personProduct : bank?.enterpriseProduct;
  if (!bank || !productId) return null;
  const daysAgo = Math.round(HISTORY_DAYS - (n * (HISTORY_DAYS - 20)) / Math.max(1, total));
  const then = clockAt(ctx, new Date(ctx.now().getTime() - daysAgo * DAY));
  await grantConsent(then, borrower, {
    granteeOrganisationId: bank.organisationId,
    categories:
      applicant.kind === 'enterprise'
        ? ['business_registration', 'tax', 'credit_profile']
        : ['identity', 'credit_profile'],
    purpose: 'loan_application',
    expiresAt: new Date(then.now().getTime() + 90 * DAY).toISOString(),
  });
  const application = await submitApplication(then, borrower, {
    productId,
    amountFen: BigInt(100_000 + ((n * 37) % 40) * 10_000) * 100n,
    termMonths: TERM_MONTHS,
    repaymentMethod: 'equal_instalment',
  });
  const outcome = application.decisions[0]?.outcome ?? 'pending';
  // One review in four stays in the queue for the officer portal.
  if (outcome === 'review' && n % 4 !== 3) {
    await decideByOfficer(then, bank, application.id, applicant.defaults && n % 3 !== 0);
  }
  const loan = await takeLoan(then, ctx, bank, borrower, application.id, applicant, n);
  return { outcome, loan };
}

/** Accepts a standing offer (four in five), confirms the contract, pays out and repays. */
async function takeLoan(
  then: AppContext,
  today: AppContext,
  bank: Bank,
  borrower: UserPrincipal,
  applicationId: string,
  applicant: DemoApplicant,
  n: number,
): Promise<boolean> {
  if (n % 5 === 4) return false;
  let contract;
  try {
    contract = await acceptOffer(then, borrower, applicationId);
  } catch {
    return false; // no standing offer: declined, or waiting for an officer
  }
  await confirmContract(then, borrower, applicationId, contract.documentSha256);
  if (n % 9 === 8) return false; // confirmed, waiting to be paid out
  const loan = await disburse(then, bank.officer, applicationId, {
    reference: `DEMO-PAYOUT-${applicationId.slice(0, 8)}`,
    disbursedOn: chinaDate(then.now()),
  });
  await repay(today, bank, loan, applicant, n);
  return true;
}

const OBJECTION_REASONS = [
  '该记录的欠税金额与我方完税凭证不符',
  '登记状态已于上月恢复正常',
  '此处罚决定已被撤销',
  '社保缴费月份有遗漏',
];

/**
 * A few borrowers object to one of their records: the two oldest are past their 20-day
 * deadline without an answer, one is refused by the operator, one is recent.
 */
async function objections(ctx: AppContext, borrowers: readonly UserPrincipal[]) {
  const operator = await staff(ctx, 'operator');
  const ages = [45, 32, 12, 3];
  let filed = 0;
  for (const [i, borrower] of borrowers.slice(0, ages.length).entries()) {
    const subject = borrower.subject;
    const ref = subject ? await subjectRefOf(ctx.db, subject) : null;
    if (!subject || !ref) continue;
    if ((await listObjections(ctx, borrower, {})).length > 0) continue;
    const records = (await currentRecordsOf(ctx, ctx.db, subject.kind, [ref])).get(ref) ?? [];
    const record = records[i % Math.max(1, records.length)];
    if (!record) continue;
    const then = clockAt(ctx, new Date(ctx.now().getTime() - (ages[i] ?? 0) * DAY));
    const { id } = await fileObjection(then, borrower, {
      recordId: BigInt(record.id),
      reason: OBJECTION_REASONS[i] ?? '',
    });
    if (i === 2) {
      const answered = clockAt(ctx, new Date(then.now().getTime() + 2 * DAY));
      await actOnObjection(answered, operator, id, {
        event: 'refuse',
        explanation: '未附任何证明材料，请补充后重新提交',
      });
    }
    filed += 1;
  }
  return filed;
}

/** Applicants from the generator's outcomes: every sixth enterprise, and the given persons. */
export function demoApplicants(
  outcomes: { enterprises: readonly { uscc: string; bad: 0 | 1 }[] },
  persons: readonly { residentId: string; name: string }[],
  pinned: readonly string[],
): DemoApplicant[] {
  const skip = new Set(pinned);
  const enterprises = outcomes.enterprises
    .filter((e) => !skip.has(e.uscc))
    .filter((_, i) => i % ENTERPRISE_SHARE === 0)
    .map((e): DemoApplicant => ({ kind: 'enterprise', identifier: e.uscc, defaults: e.bad === 1 }));
  const people = persons.map((p, i): DemoApplicant => ({
    kind: 'person',
    identifier: p.residentId,
    name: p.name,
    defaults: i % 2 === 1,
  }));
  // Persons among the enterprises, so that their applications spread over the year too.
  const every = Math.max(1, Math.floor(enterprises.length / Math.max(1, people.length)));
  return enterprises.flatMap((e, i) =>
    i % every === every - 1 && people.length > 0 ? [e, people.shift() as DemoApplicant] : [e],
  );
}

/**
 * Registers the borrowers a few at a time: the password hashing (argon2id, on the thread
 * pool) of one overlaps the database work of another.
 */
async function registerAll(ctx: AppContext, applicants: readonly DemoApplicant[]) {
  const registered: ((DemoApplicant & { borrower: UserPrincipal }) | null)[] = [];
  for (let at = 0; at < applicants.length; at += REGISTER_AT_ONCE) {
    const batch = applicants.slice(at, at + REGISTER_AT_ONCE);
    const users = await Promise.all(
      batch.map((applicant, i) => registerApplicant(ctx, applicant, at + i)),
    );
    registered.push(
      ...batch.map((applicant, i) => {
        const user = users[i];
        return user ? { ...applicant, borrower: asPrincipal(user) } : null;
      }),
    );
  }
  return registered;
}

export async function seedDemoActivity(
  ctx: AppContext,
  applicants: readonly DemoApplicant[],
  onApplicant?: (done: number, total: number) => void,
): Promise<DemoActivityResult> {
  if (!(await findOrganisationByCode(ctx.db, 'bank-a'))) throw new Error('no demo banks');
  const banks = [
    await publishBank(
      ctx,
      'bank-a',
      {
        code: 'XW-JY',
        name: '小微经营贷',
        loanType: 'working_capital',
        rateBpByGrade: { A: 385, B: 450, C: 560 },
      },
      null,
    ),
    await publishBank(
      ctx,
      'bank-b',
      { code: 'SY-D', name: '税易贷', loanType: 'tax_based', rateBpByGrade: { A: 395, B: 470 } },
      {
        code: 'GR-XF',
        name: '个人消费贷',
        loanType: 'personal_consumer',
        rateBpByGrade: { A: 430, B: 520, C: 650 },
      },
    ),
  ];
  const outcomes: Record<string, number> = {};
  const borrowers: UserPrincipal[] = [];
  let loans = 0;
  const registered = await registerAll(ctx, applicants);
  for (const [n, applicant] of registered.entries()) {
    onApplicant?.(n, registered.length);
    if (!applicant) continue;
    const { total: applied } = await listApplications(ctx, applicant.borrower, {
      limit: 1,
      offset: 0,
    });
    if (applied > 0) continue;
    const story = await lend(ctx, banks, applicant, n, applicants.length);
    if (!story) continue;
    outcomes[story.outcome] = (outcomes[story.outcome] ?? 0) + 1;
    if (story.loan) loans += 1;
  }
  for (const login of [
    'demo-borrower-002',
    'demo-borrower-005',
    'demo-borrower-009',
    'demo-borrower-014',
  ]) {
    const user = await findUserByLogin(ctx.db, login);
    if (user) borrowers.push(asPrincipal(user));
  }
  onApplicant?.(registered.length, registered.length);
  const filed = await objections(ctx, borrowers);
  const applications = Object.values(outcomes).reduce((a, b) => a + b, 0);
  return { applications, outcomes, loans, objections: filed };
}
