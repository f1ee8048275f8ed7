/**
 * Benchmark dispatcher: `npm run bench -- <name>` runs `bench/<name>.ts`, calling its default
 * export or its `main()`. Every top-level `bench/*.ts` but this file is a benchmark; helpers
 * live in `bench/lib/`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

type Entry = (args: string[]) => unknown;

function availableBenchmarks(): string[] {
  return readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && entry.name !== 'run.ts')
    .map((entry) => entry.name.slice(0, -'.ts'.length))
    .sort();
}

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const available = availableBenchmarks();
  const list = available.length > 0 ? available.join(', ') : '(none)';
  if (!name) fail(`usage: npm run bench -- <name>; available: ${list}`);
  if (!available.includes(name)) fail(`unknown benchmark "${name}"; available: ${list}`);
  const module = (await import(pathToFileURL(`${BENCH_DIR}${name}.ts`).href)) as {
    default?: unknown;
    main?: unknown;
  };
  const entry = typeof module.default === 'function' ? module.default : module.main;
  if (typeof entry !== 'function') fail(`bench/${name}.ts exports neither a default nor main()`);
  await (entry as Entry)(args);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
