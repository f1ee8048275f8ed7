/**
 * The child of `bench/scorecard.ts` as plain JavaScript, transpiled for this run from the
 * current sources: under the tsx loader the child would carry the loader's own memory in
 * its peak RSS. Only src/scoring/ and the bench helpers are needed; each module is
 * transpiled alone (isolatedModules) into `outDir` with the same layout, so the `.js`
 * specifiers resolve, and node_modules is linked beside them for ml-matrix.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = 'bench/lib/scorecard-child.ts';
const HELPERS = ['bench/lib/scorecard-data.ts'];

const modulesIn = (dir: string) =>
  readdirSync(path.join(ROOT, dir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => path.join(dir, name));

/** Returns the path of the compiled child. */
export function buildScorecardChild(outDir: string): string {
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.ES2022,
    target: ts.ScriptTarget.ES2022,
    verbatimModuleSyntax: true,
    isolatedModules: true,
  };
  for (const file of [...modulesIn('src/scoring'), CHILD, ...HELPERS]) {
    const source = readFileSync(path.join(ROOT, file), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: file });
    const target = path.join(outDir, file.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(path.join(outDir, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
  return path.join(outDir, CHILD.replace(/\.ts$/, '.js'));
}
