import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Most test files wait on child processes, loopback servers and schedules rather than the CPU:
    // more files than cores at once halves the suite's time on a 2-core machine.
    maxWorkers: Math.max(3, availableParallelism() - 1),
  },
});
