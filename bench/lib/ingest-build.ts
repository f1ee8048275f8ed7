/**
 * Compiled JavaScript for the ingestion child of `bench/ingest.ts`, the way `xinyi ingest`
 * runs (bin/xinyi.js imports the compiled dist/), built for this run from the current
 * sources: neither a stale dist/ nor the tsx loader, whose hooks thread alone holds about
 * 100 MB, may skew the peak RSS.
 *
 * Every module of src/ (tests left out), the child and the bench modules it imports are transpiled one by one
 * (`ts.transpileModule`, as isolatedModules allows) into `outDir`, keeping the layout, so
 * the `.js` specifiers resolve as they do in dist/. `node_modules` and `migrations` are
 * symlinked beside them, and a package.json marks the files as ES modules.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = 'bench/lib/ingest-child.ts';
/** The bench modules the child imports. */
const CHILD_IMPORTS = ['bench/lib/proc-cpu.ts'];

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(relative);
    const isModule = entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts');
    return isModule ? [relative] : [];
  });
}

/** Writes the compiled tree to `outDir`; returns the path of the compiled child. */
export function compileChild(outDir: string): string {
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.ES2022,
    target: ts.ScriptTarget.ES2022,
    verbatimModuleSyntax: true,
    isolatedModules: true,
  };
  for (const file of [...sources('src'), ...CHILD_IMPORTS, CHILD]) {
    const { outputText } = ts.transpileModule(readFileSync(path.join(ROOT, file), 'utf8'), {
      compilerOptions,
      fileName: file,
      reportDiagnostics: false,
    });
    const target = path.join(outDir, file.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(path.join(outDir, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
  symlinkSync(path.join(ROOT, 'migrations'), path.join(outDir, 'migrations'), 'dir');
  return path.join(outDir, CHILD.replace(/\.ts$/, '.js'));
}
