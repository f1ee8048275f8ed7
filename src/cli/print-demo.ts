import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/seed.js';

/** The demo accounts as a table a person can log in with at once. */
export function demoAccountsTable(baseUrl: string): string {
  const rows = DEMO_ACCOUNTS.map(
    (a) => `  ${a.role.padEnd(15)} ${a.login.padEnd(16)} ${DEMO_PASSWORD}   ${a.description}`,
  );
  return [
    'Demo accounts / 演示账号 (POST /auth/login):',
    `  ${'role'.padEnd(15)} ${'login'.padEnd(16)} password`,
    ...rows,
    `API docs / 接口文档: ${baseUrl}/docs`,
  ].join('\n');
}
