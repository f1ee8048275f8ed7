import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { ROLES, type Role } from '../platform/auth/roles.js';
import { findOrganisationByCode, insertNewUser } from '../platform/auth/accounts.service.js';
import { recordAudit } from '../ledger/ledger.service.js';
import { action, CliError, withRuntime } from './run.js';

interface Options {
  login: string;
  role: string;
  org?: string;
  name?: string;
}

export function registerUserCreate(program: Command) {
  const user = program.command('user').description('user accounts');
  user
    .command('create')
    .description(
      'create a staff user; the password is read from XINYI_PASSWORD or generated and printed once',
    )
    .requiredOption('--login <login>', 'login name')
    .requiredOption('--role <role>', `one of: ${ROLES.filter((r) => r !== 'borrower').join(', ')}`)
    .option('--org <code>', 'organisation code (required for lender, provider and regulator roles)')
    .option('--name <name>', 'display name')
    .action(
      action((options: Options) =>
        withRuntime(async ({ ctx }) => {
          if (!ROLES.includes(options.role as Role) || options.role === 'borrower') {
            throw new CliError(`unknown role "${options.role}"; borrowers register themselves`);
          }
          const organisation = options.org
            ? await findOrganisationByCode(ctx.db, options.org)
            : null;
          if (options.org && !organisation)
            throw new CliError(`no organisation with code "${options.org}"`);
          const given = process.env.XINYI_PASSWORD;
          const password = given ?? `${randomBytes(12).toString('base64url')}7a`;
          const created = await ctx.db.transaction().execute(async (tx) => {
            const created = await insertNewUser(tx, {
              login: options.login,
              password,
              displayName: options.name ?? options.login,
              role: options.role as Role,
              organisationId: organisation?.id ?? null,
            });
            await recordAudit(tx, {
              actor: 'system',
              action: 'user.created',
              subject: { kind: 'user', id: created.id },
              detail: { role: created.role, via: 'cli' },
            });
            return created;
          });
          console.log(`created ${created.role} ${created.login} (${created.id})`);
          if (!given) console.log(`password (shown once): ${password}`);
        }),
      ),
    );
}
