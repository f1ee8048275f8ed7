import { randomUUID } from 'node:crypto';
import { recordAudit } from '../ledger/ledger.service.js';
import { findOrganisation } from '../platform/auth/accounts.service.js';
import { requireRole, requireSameOrganisation } from '../platform/auth/guards.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db.js';
import { DomainError, invalidField, notFound } from '../platform/errors.js';
import type { RecordCategory } from './categories.js';
import * as repo from './ingest.repository.js';
import { canonicalMapping, mappingProblems, type ProviderMapping } from './mapping.js';
import { schemaOf } from './schemas.js';

async function providerOrganisation(ctx: AppContext, organisationId: string) {
  const organisation = await findOrganisation(ctx.db, organisationId);
  if (!organisation) throw notFound('organisation');
  if (organisation.kind !== 'provider') {
    throw invalidField('params.id', 'organisation_kind', { expected: 'provider' });
  }
  return organisation;
}

/** Registers categories without authorisation checks (demo seed and use cases that checked). */
export async function registerProviderCategories(
  tx: Tx,
  organisationId: string,
  categories: readonly RecordCategory[],
): Promise<void> {
  await repo.grantCategories(tx, organisationId, [...categories]);
}

/** Stores a provider's mapping, checked against the schema but not for who asks (demo, CLI). */
export async function saveMapping(
  tx: Tx,
  organisationId: string,
  category: RecordCategory,
  mapping: ProviderMapping,
  made: { by: string | null; at: Date },
): Promise<void> {
  const problems = mappingProblems(schemaOf(category), mapping);
  if (problems.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {},
      problems.map((path) => ({ path, code: 'unknown_field' })),
    );
  }
  await repo.insertMapping(tx, {
    id: randomUUID(),
    organisation_id: organisationId,
    category,
    fields: JSON.stringify(mapping.fields),
    money_unit: mapping.moneyUnit,
    value_maps: JSON.stringify(mapping.valueMaps),
    created_by: made.by,
    created_at: made.at,
  });
}

/** Registers the categories a provider may push (operator). */
export async function grantProviderCategories(
  ctx: AppContext,
  principal: Principal | null,
  organisationId: string,
  categories: readonly RecordCategory[],
) {
  const actor = requireRole(principal, 'operator');
  await providerOrganisation(ctx, organisationId);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.grantCategories(tx, organisationId, [...categories]);
    await recordAudit(tx, {
      actor,
      action: 'provider.categories_granted',
      subject: { kind: 'organisation', id: organisationId },
      detail: { categories },
    });
  });
  return listProviderCategories(ctx, actor, organisationId);
}

/** The categories a provider may push: for the provider itself, operators and regulators. */
export async function listProviderCategories(
  ctx: AppContext,
  principal: Principal | null,
  organisationId: string,
) {
  const actor = requireRole(principal, 'operator', 'regulator', 'provider');
  if (actor.role === 'provider') requireSameOrganisation(actor, organisationId);
  await providerOrganisation(ctx, organisationId);
  return (await repo.listProviderCategories(ctx.db, organisationId)).map((row) => ({
    category: row.category,
    grantedAt: row.granted_at,
  }));
}

function callerProvider(principal: Principal | null): Principal & { organisationId: string } {
  const actor = requireRole(principal, 'provider');
  if (!actor.organisationId) throw new DomainError('FORBIDDEN');
  return { ...actor, organisationId: actor.organisationId };
}

/**
 * Sets how the calling provider's deliveries of a category read. The old mapping stays on
 * record; the newest one is used from now on.
 */
export async function setMapping(
  ctx: AppContext,
  principal: Principal | null,
  category: RecordCategory,
  mapping: ProviderMapping,
) {
  const actor = callerProvider(principal);
  const problems = mappingProblems(schemaOf(category), mapping);
  if (problems.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {},
      problems.map((path) => ({ path, code: 'unknown_field' })),
    );
  }
  await ctx.db.transaction().execute(async (tx) => {
    await saveMapping(tx, actor.organisationId, category, mapping, {
      by: actor.kind === 'user' ? actor.userId : null,
      at: ctx.now(),
    });
    await recordAudit(tx, {
      actor,
      action: 'provider.mapping_set',
      subject: { kind: 'organisation', id: actor.organisationId },
      detail: { category },
    });
  });
  return getMapping(ctx, actor, category);
}

/** The mapping in force for the calling provider (the canonical one if none was set). */
export async function getMapping(
  ctx: AppContext,
  principal: Principal | null,
  category: RecordCategory,
) {
  const actor = callerProvider(principal);
  const row = await repo.latestMapping(ctx.db, actor.organisationId, category);
  const mapping = row
    ? { fields: row.fields, moneyUnit: row.money_unit, valueMaps: row.value_maps }
    : canonicalMapping(schemaOf(category));
  return { category, ...mapping, setAt: row?.created_at ?? null };
}
