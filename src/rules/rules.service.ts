import { randomUUID } from 'node:crypto';
import { sql, type Expression, type QueryCreator } from 'kysely';
import { recordAudit } from '../ledger/ledger.service.js';
import { requireRole, requireSameOrganisation, requireUser } from '../platform/auth/guards.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import type { DB } from '../platform/schema.js';
import { DomainError, notFound } from '../platform/errors.js';
import { dryRun, type DryRunCase, type DryRunReport } from './dry-run.js';
import { RulesEngine, validateJdmDocument } from './engine.js';
import { jdmHash, type JdmDocument } from './jdm.js';
import * as repo from './rules.repository.js';

/** Compiled decisions are shared by the whole node, keyed by content hash. */
let sharedEngine: RulesEngine | null = null;
export const rulesEngine = () => (sharedEngine ??= new RulesEngine());

export interface RuleVersionSummary {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly version: number;
  readonly jdmHash: string;
  readonly status: 'draft' | 'published';
  readonly createdAt: Date;
  readonly publishedAt: Date | null;
}

const toSummary = (row: Awaited<ReturnType<typeof repo.listVersions>>[number]) => ({
  id: row.id,
  organisationId: row.organisation_id,
  name: row.name,
  version: row.version,
  jdmHash: row.jdm_hash,
  status: row.status,
  createdAt: row.created_at,
  publishedAt: row.published_at,
});

function lenderOrganisation(principal: Principal): string {
  if (!principal.organisationId) throw new DomainError('FORBIDDEN');
  return principal.organisationId;
}

/** A valid JDM document or VALIDATION_FAILED naming every problem by its JSON pointer. */
function requireJdm(value: unknown): JdmDocument {
  const parsed = validateJdmDocument(value);
  if (parsed.ok) return parsed.document;
  throw new DomainError(
    'VALIDATION_FAILED',
    {},
    parsed.problems.map((p) => ({
      path: `/body/jdm${p.path}`,
      code: p.code,
      params: { detail: p.message },
    })),
  );
}

/**
 * Stores a new draft version of a lender's rule set. The JDM is kept exactly as given, so
 * an export opens in the GoRules editor as it was uploaded; its hash is of the canonical form.
 */
export async function createRuleVersion(
  ctx: AppContext,
  principal: Principal | null,
  input: { name: string; jdm: unknown },
): Promise<RuleVersionSummary> {
  const actor = requireUser(principal, 'lender_admin');
  const organisationId = lenderOrganisation(actor);
  const document = requireJdm(input.jdm);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.insertVersion(tx, {
      id: randomUUID(),
      organisation_id: organisationId,
      name: input.name,
      version: await repo.nextVersion(tx, organisationId, input.name),
      jdm: JSON.stringify(input.jdm),
      jdm_hash: jdmHash(document),
      status: 'draft',
      created_by: actor.userId,
      created_at: ctx.now(),
      published_at: null,
    });
    await recordAudit(tx, {
      actor,
      action: 'rules.version_created',
      subject: { kind: 'rule_version', id: row.id },
      detail: { name: row.name, version: row.version, jdmHash: row.jdm_hash },
    });
    return toSummary(row);
  });
}

async function visibleVersion(ctx: AppContext, principal: Principal | null, id: string) {
  const actor = requireRole(principal, 'lender_admin', 'lender_officer', 'operator', 'regulator');
  const row = await repo.findVersion(ctx.db, id);
  if (!row) throw notFound('rule_version');
  if (actor.role !== 'operator' && actor.role !== 'regulator') {
    if (actor.organisationId !== row.organisation_id) throw notFound('rule_version');
  }
  return { actor, row };
}

export async function getRuleVersion(ctx: AppContext, principal: Principal | null, id: string) {
  const { row } = await visibleVersion(ctx, principal, id);
  return { ...toSummary(row), jdm: row.jdm };
}

export async function listRuleVersions(
  ctx: AppContext,
  principal: Principal | null,
  name?: string,
): Promise<RuleVersionSummary[]> {
  const actor = requireRole(principal, 'lender_admin', 'lender_officer', 'operator', 'regulator');
  const organisation =
    actor.role === 'operator' || actor.role === 'regulator' ? null : lenderOrganisation(actor);
  return (await repo.listVersions(ctx.db, organisation, name)).map(toSummary);
}

/** Publishes a draft: from now on it never changes (the database refuses). Audited. */
export async function publishRuleVersion(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
): Promise<RuleVersionSummary> {
  const actor = requireUser(principal, 'lender_admin');
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.findVersion(tx, id);
    if (!row || row.organisation_id !== actor.organisationId) throw notFound('rule_version');
    requireSameOrganisation(actor, row.organisation_id);
    if (row.status !== 'draft') throw new DomainError('ALREADY_PUBLISHED');
    const published = await repo.markPublished(tx, id, ctx.now());
    if (!published) throw new DomainError('ALREADY_PUBLISHED');
    await recordAudit(tx, {
      actor,
      action: 'rules.version_published',
      subject: { kind: 'rule_version', id },
      detail: { name: row.name, version: row.version, jdmHash: row.jdm_hash },
    });
    return toSummary(published);
  });
}

/**
 * What a version would change against the rule set's latest published one, on the given
 * inputs (stored application snapshots, or cases of the lender's own): every flip counted.
 */
export async function dryRunRuleVersion(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  cases: readonly DryRunCase[],
): Promise<DryRunReport> {
  const { row } = await visibleVersion(ctx, principal, id);
  const current = await repo.latestPublished(ctx.db, row.organisation_id, row.name);
  if (!current) throw new DomainError('NO_PUBLISHED_RULES', { name: row.name });
  return dryRun(requireJdm(current.jdm), requireJdm(row.jdm), cases, {
    engine: rulesEngine(),
  });
}

/** Published versions never change: their parsed documents are kept once read, by id. */
const publishedDocuments = new Map<string, { hash: string; document: JdmDocument }>();
const MAX_CACHED_DOCUMENTS = 256;

/** What decides whether a rule version may run, and which document it is. */
export interface RuleVersionState {
  readonly id: string;
  readonly organisationId: string;
  readonly status: string;
  readonly hash: string;
}

/** For the loans domain: a published version of the organisation's rules, or undefined. */
export async function publishedRuleVersion(db: Db | Tx, id: string, organisationId: string) {
  const row = await ruleVersionStateQuery(db, sql.val(id)).executeTakeFirst();
  return publishedRuleVersionOf(db, row?.state ?? null, organisationId);
}

/**
 * A version's {@link RuleVersionState} as a one-row query (`state`, JSON), to read within
 * another domain's statement that names the version (a product's).
 */
export function ruleVersionStateQuery(db: QueryCreator<DB>, id: Expression<string>) {
  return db
    .selectFrom('rule_versions')
    .select(
      sql<RuleVersionState>`json_build_object('id', id, 'organisationId', organisation_id,
        'status', status, 'hash', jdm_hash)`.as('state'),
    )
    .where('id', '=', id);
}

/** {@link publishedRuleVersion} from a state read with {@link ruleVersionStateQuery}. */
export async function publishedRuleVersionOf(
  db: Db | Tx,
  state: RuleVersionState | null,
  organisationId: string,
) {
  if (!state || state.organisationId !== organisationId || state.status !== 'published')
    return undefined;
  let cached = publishedDocuments.get(state.id);
  if (!cached || cached.hash !== state.hash) {
    const full = await repo.findVersion(db, state.id);
    cached = { hash: state.hash, document: requireJdm(full?.jdm) };
    if (publishedDocuments.size >= MAX_CACHED_DOCUMENTS) publishedDocuments.clear();
    publishedDocuments.set(state.id, cached);
  }
  return { id: state.id, hash: cached.hash, document: cached.document };
}

/** For the loans domain: the JDM of a stored version (replaying a decision). */
export async function ruleVersionDocument(db: Db | Tx, id: string): Promise<JdmDocument> {
  const row = await repo.findVersion(db, id);
  if (!row) throw notFound('rule_version');
  return requireJdm(row.jdm);
}
