import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The compiled `xinyi` entry point (dist/cli/main.js) the CLI tests start. */
    xinyiCli: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(relative);
    const isTest = entry.name.endsWith('.test.ts') || entry.name === 'testing.ts';
    return isTest ? [] : [relative];
  });
}

/**
 * Compiles src/ as `npm run build` lays it out (src/x.ts to dist/x.js, JSON beside it),
 * module by module without the type check (`npm test` type-checks separately), into a
 * temporary folder with node_modules, migrations and dist/web linked beside it.
 */
function compileCli(): { dir: string; entry: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-cli-build-'));
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.ES2022,
    target: ts.ScriptTarget.ES2022,
    verbatimModuleSyntax: true,
    isolatedModules: true,
  };
  for (const file of sources('src')) {
    const target = path.join(dir, 'dist', path.relative('src', file));
    mkdirSync(path.dirname(target), { recursive: true });
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    if (!file.endsWith('.ts')) {
      writeFileSync(target, text);
      continue;
    }
    const { outputText } = ts.transpileModule(text, {
      compilerOptions,
      fileName: file,
      reportDiagnostics: false,
    });
    writeFileSync(target.replace(/\.ts$/, '.js'), outputText);
  }
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const linked of ['node_modules', 'migrations', 'dist/web']) {
    symlinkSync(path.join(ROOT, linked), path.join(dir, linked), 'dir');
  }
  return { dir, entry: path.join(dir, 'dist/cli/main.js') };
}

// Both integration projects run this setup in the one main process: the first compiles,
// the other reuses it, and the last teardown removes it.
interface Shared {
  build: { dir: string; entry: string };
  users: number;
}
const shared = globalThis as { xinyiCliBuild?: Shared };

/**
 * Runs once before each integration project: the CLI tests start the compiled CLI, as
 * bin/xinyi.js does, and not the sources through tsx, whose loader costs each process
 * seconds of compiling on a 2-core machine.
 */
export default function buildCli(project: TestProject) {
  shared.xinyiCliBuild ??= { build: compileCli(), users: 0 };
  const current = shared.xinyiCliBuild;
  current.users += 1;
  project.provide('xinyiCli', current.build.entry);
  return () => {
    current.users -= 1;
    if (current.users > 0) return;
    rmSync(current.build.dir, { recursive: true, force: true });
    delete shared.xinyiCliBuild;
  };
}
