import type { Command } from 'commander';
import { findOrganisationByCode, issueApiKey } from '../platform/auth/accounts.service.js';
import { recordAudit } from '../ledger/ledger.service.js';
import { action, CliError, withRuntime } from './run.js';

export function registerApiKeyCreate(program: Command) {
  const apikey = program.command('apikey').description("data providers' API keys");
  apikey
    .command('create')
    .description('issue an API key to a provider organisation; the key is printed once')
    .requiredOption('--org <code>', 'provider organisation code')
    .requiredOption('--name <name>', 'what the key is for')
    .action(
      action((options: { org: string; name: string }) =>
        withRuntime(async ({ ctx }) => {
          const organisation = await findOrganisationByCode(ctx.db, options.org);
          if (!organisation) throw new CliError(`no organisation with code "${options.org}"`);
          if (organisation.kind !== 'provider') {
            throw new CliError(`"${options.org}" is a ${organisation.kind}, not a data provider`);
          }
          const { apiKey, key } = await ctx.db.transaction().execute(async (tx) => {
            const issued = await issueApiKey(tx, organisation.id, options.name, null);
            await recordAudit(tx, {
              actor: 'system',
              action: 'api_key.created',
              subject: { kind: 'api_key', id: issued.apiKey.id },
              detail: { organisationId: organisation.id, via: 'cli' },
            });
            return issued;
          });
          console.log(`issued ${apiKey.prefix} to ${organisation.code} (${apiKey.id})`);
          console.log(`key (shown once): ${key}`);
        }),
      ),
    );
}
