/** A monitor file (YAML) for the vendor simulator with a second-level schedule. */
export function endpointMonitor(name: string, url: string, options: { schedule?: string; headers?: Record<string, string> } = {}): string {
  const lines = [`name: ${name}`, 'kind: endpoint', `schedule: "${options.schedule ?? '*/2 * * * * *'}"`, 'request:', `  url: ${url}`, '  timeoutMs: 60000'];
  if (options.headers) {
    lines.push('  headers:');
    for (const [k, v] of Object.entries(options.headers)) lines.push(`    ${k}: ${v}`);
  }
  return `${lines.join('\n')}\n`;
}
