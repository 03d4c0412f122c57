const SENSITIVE_QUERY = /^(api[-_]?key|key|token|access[-_]?token|secret|client[-_]?secret|signature|sig|password|auth)$/i;

/** Replaces every occurrence of each secret in a text with `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    out = out.split(secret).join('***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join('***');
  }
  return out;
}

/** A URL fit to show: credentials and query values that look like secrets replaced with `***`. */
export function displayUrl(url: string, secrets: readonly string[] = []): string {
  try {
    const parsed = new URL(url);
    if (parsed.username) parsed.username = '***';
    if (parsed.password) parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) {
      if (SENSITIVE_QUERY.test(key)) parsed.searchParams.set(key, '***');
    }
    return redactSecrets(parsed.toString(), secrets).replace(/%2A%2A%2A/g, '***');
  } catch {
    return redactSecrets(url, secrets);
  }
}
