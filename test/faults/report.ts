interface Row {
  fault: string;
  expected: string;
  held: boolean;
}

/** What a fault suite tried and whether it held, printed as one compact table (call `print` in afterAll). */
export function chaosReport(title: string): { record(fault: string, expected: string, held: boolean): void; print(): void } {
  const rows: Row[] = [];
  return {
    record(fault, expected, held) {
      rows.push({ fault, expected, held });
    },
    print() {
      const width = Math.max(5, ...rows.map((r) => r.fault.length));
      const lines = [`[chaos] ${title}`, ...rows.map((r) => `  ${r.held ? 'held  ' : 'BROKE '} ${r.fault.padEnd(width)}  ${r.expected}`)];
      if (rows.length === 0) lines.push('  (nothing tried)');
      console.info(lines.join('\n'));
    },
  };
}
