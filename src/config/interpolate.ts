import { readFileSync } from 'node:fs';

export interface InterpolationResult<T> {
  value: T;
  /** The values substituted, keyed by whether they should be treated as secrets. */
  substituted: { path: string; value: string }[];
  /** Variables that could not be resolved, with the field they were used in. */
  missing: { variable: string; path: string }[];
}

export type Environment = Readonly<Record<string, string | undefined>>;

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` (or `${VAR:-default}`) in every string of a parsed document. When `VAR` is unset
 * and `VAR_FILE` names a readable file, the file's content (trailing newline removed) is used, the
 * convention of Docker and Kubernetes secrets. `$${` stands for a literal `${`.
 */
export function interpolate<T>(document: T, env: Environment): InterpolationResult<T> {
  const substituted: InterpolationResult<T>['substituted'] = [];
  const missing: InterpolationResult<T>['missing'] = [];

  const resolve = (variable: string, fallback: string | undefined, path: string): string | undefined => {
    const direct = env[variable];
    if (direct !== undefined) return direct;
    const file = env[`${variable}_FILE`];
    if (file !== undefined && file !== '') {
      try {
        return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      } catch (error) {
        missing.push({ variable: `${variable}_FILE (${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`, path });
        return undefined;
      }
    }
    if (fallback !== undefined) return fallback;
    missing.push({ variable, path });
    return undefined;
  };

  const visit = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('${')) return value;
      return value.replace(REFERENCE, (whole, variable: string | undefined, fallback: string | undefined) => {
        if (variable === undefined) return '${';
        const resolved = resolve(variable, fallback, path);
        if (resolved === undefined) return whole;
        if (resolved !== '') substituted.push({ path, value: resolved });
        return resolved;
      });
    }
    if (Array.isArray(value)) return value.map((item, i) => visit(item, `${path}/${i}`));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = visit(v, `${path}/${k}`);
      return out;
    }
    return value;
  };

  return { value: visit(document, '') as T, substituted, missing };
}
