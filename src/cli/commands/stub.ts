import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult } from '../../check/runCheck.js';
import { generateDriftStub } from '../../stub/from-drift.js';
import type { Stub } from '../../stub/generate.js';
import type { Store } from '../../store/db.js';
import { findMonitor } from '../../store/ensureMonitor.js';
import { findDriftEvent, type DriftEventDetail } from '../../store/findDriftEvent.js';
import { EXIT, UsageError, type ExitCode } from '../exit-codes.js';
import { withStore } from '../context.js';

export interface StubOptions {
  /** Write `<name>.adapter.ts` and `<name>.adapter.test.ts` here instead of printing the adapter. */
  out?: string;
  /** A drift event id (from `driftwatch history`); default: the newest. */
  event?: string;
  databaseUrl?: string;
  dataDir?: string;
}

/** Prints (or writes) the adapter stub for a monitor's newest drift event. */
export async function stubCommand(name: string, options: StubOptions): Promise<ExitCode> {
  const eventId = options.event === undefined ? undefined : Number(options.event);
  if (eventId !== undefined && !Number.isSafeInteger(eventId)) throw new UsageError(`--event expects a drift event id (a number), not "${options.event}"`);
  return withStore(options, async (store) => {
    const monitor = await findMonitor(store.db, name);
    if (monitor === undefined) throw new UsageError(`monitor "${name}" has never been checked: run driftwatch check ${name} first`);
    if (monitor.kind === 'openapi') throw new UsageError(`monitor "${name}" is an openapi monitor: stubs are generated for endpoint and jsonschema monitors`);
    const drift = await findDriftEvent(store.db, monitor.id, eventId);
    if (drift === undefined) {
      throw new UsageError(
        eventId === undefined
          ? `monitor "${name}" has no drift event: nothing to adapt`
          : `monitor "${name}" has no drift event ${eventId} (see driftwatch history ${name})`,
      );
    }
    const stub = await stubForDrift(name, monitor.kind, drift);
    if (options.out === undefined) {
      process.stdout.write(stub.adapter.text);
    } else {
      for (const path of await writeStub(options.out, stub)) process.stdout.write(`wrote ${path}\n`);
    }
    return EXIT.ok;
  });
}

/**
 * The stub for one drift event. An endpoint monitor's observed schema is a sample; the adapter maps
 * from what accepting it would make the baseline, so fields the sample happened to lack stay mapped.
 */
export function stubForDrift(name: string, kind: string, drift: DriftEventDetail): Promise<Stub> {
  return generateDriftStub({
    monitor: name,
    monitorKind: kind,
    baseline: drift.baseline,
    baselineVersion: drift.baselineVersion,
    observed: drift.observed,
    observedAt: drift.createdAt,
    changes: drift.changes,
  });
}

/** Writes the adapter and its contract test into a directory (created if needed); never a recording. */
export async function writeStub(dir: string, stub: Stub): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const file of [stub.adapter, stub.contractTest]) {
    const path = join(dir, file.fileName);
    await writeFile(path, file.text);
    paths.push(path);
  }
  return paths;
}

/**
 * `check --stubs <dir>`: one stub per monitor that drifted in this run. Progress and failures go to
 * stderr, so a JSON report on stdout stays intact. Resolves with the number of stubs that failed.
 */
export async function writeStubsForResults(store: Store, results: readonly CheckResult[], dir: string): Promise<number> {
  let failed = 0;
  for (const result of results) {
    if (result.status !== 'drift' || result.driftEventId === undefined) continue;
    try {
      const monitor = await findMonitor(store.db, result.monitor);
      if (monitor === undefined || monitor.kind === 'openapi') continue;
      const drift = await findDriftEvent(store.db, monitor.id, result.driftEventId);
      if (drift === undefined) continue;
      const [adapter] = await writeStub(dir, await stubForDrift(result.monitor, monitor.kind, drift));
      process.stderr.write(`${result.monitor}  stub written: ${adapter}\n`);
    } catch (error) {
      failed++;
      process.stderr.write(`driftwatch: stub for ${result.monitor} could not be written: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  return failed;
}
