import { generateDriftStub } from '../stub/from-drift.js';
import type { StubProvider } from './queue.js';

/** The adapter stub of a drift, for its alert. */
export const generatedStub: StubProvider = async (input) => {
  const stub = await generateDriftStub({ ...input, monitor: input.monitor.name, monitorKind: input.monitor.kind });
  return { fileName: stub.adapter.fileName, code: stub.adapter.text };
};
