/**
 * The chaos report of a fault suite: what it tried, what driftwatch was expected to do, and
 * whether that held. Each suite records a row per fault and prints the table once, after its tests
 * (call `print` from `afterAll`).
 */
export interface ChaosReport {
  record(fault: string, expected: string, held: boolean): void;
  print(): void;
}

export function chaosReport(title: string): ChaosReport {
  const rows: { fault: string; expected: string; held: boolean }[] = [];
  return {
    record(fault, expected, held) {
      rows.push({ fault, expected, held });
    },
    print() {
      const width = Math.max(5, ...rows.map((r) => r.fault.length));
      const lines = rows.map((r) => `  ${r.held ? 'held  ' : 'BROKE '} ${r.fault.padEnd(width)}  ${r.expected}`);
      const held = rows.filter((r) => r.held).length;
      console.log([`chaos report: ${title} (${held} of ${rows.length} held)`, ...lines].join('\n'));
    },
  };
}
