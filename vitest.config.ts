import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // PGlite instances and real-server databases are heavy: keep files in separate workers,
    // but never more than the two cores the machines have.
    maxWorkers: 2,
    testTimeout: 60_000,
    // The run and each file work in temp folders of their own, removed after them (test/support/tmp-*.ts).
    globalSetup: ['test/support/tmp-run.ts'],
    setupFiles: ['test/support/tmp-file.ts'],
    hookTimeout: 120_000,
  },
});
