import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * The compiler options generated stubs must pass: `--strict` and the stricter flags a project a
 * developer pastes into may have on, so a stub never fails to compile where it lands.
 */
export const STRICT_OPTIONS = {
  strict: true,
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  types: ['node'],
  noEmit: true,
  skipLibCheck: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  noImplicitOverride: true,
  verbatimModuleSyntax: true,
  erasableSyntaxOnly: true,
};

/** A throwaway TypeScript project (ESM, NodeNext) that resolves packages from this repository. */
export class TypeScriptProject {
  private constructor(readonly dir: string) {}

  static async create(): Promise<TypeScriptProject> {
    const dir = await mkdtemp(join(tmpdir(), 'driftwatch-stub-'));
    await symlink(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await writeFile(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: STRICT_OPTIONS, include: ['*.ts'] }, null, 2));
    return new TypeScriptProject(dir);
  }

  async write(fileName: string, text: string): Promise<string> {
    const path = join(this.dir, fileName);
    await writeFile(path, text);
    return path;
  }

  /** Runs `tsc -p` on the project; resolves with the diagnostics, one line each ('' when it compiles). */
  compile(): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve, reject) => {
      execFile(process.execPath, [TSC, '-p', this.dir, '--pretty', 'false'], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? (error.code as number) : 0, output: `${stdout}${stderr}`.trim() });
      });
    });
  }

  /** Imports a generated module: transpiled to JavaScript next to its source, then loaded. */
  async load<T>(fileName: string, text: string): Promise<T> {
    const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
    const path = await this.write(fileName.replace(/\.ts$/, '.mjs'), js);
    return (await import(pathToFileURL(path).href)) as T;
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

/** The diagnostics of one file out of a project's `tsc` output. */
export function diagnosticsFor(output: string, fileName: string): string[] {
  return output.split('\n').filter((line) => line.startsWith(`${fileName}(`) || line.includes(`/${fileName}(`));
}
