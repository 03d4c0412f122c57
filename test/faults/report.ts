/** What a fault test tried and whether what driftwatch promises held, printed as a table after the file's tests. */
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
      if (rows.length === 0) return;
      const width = Math.max(...rows.map((r) => r.fault.length));
      const lines = rows.map((r) => `  ${r.held ? 'held  ' : 'BROKEN'}  ${r.fault.padEnd(width)}  ${r.expected}`);
      console.log(`[chaos] ${title}: ${rows.filter((r) => r.held).length}/${rows.length} held\n${lines.join('\n')}`);
    },
  };
}
