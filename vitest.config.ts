import { defineConfig } from 'vitest/config';

// Tests run against the TypeScript sources of the workspace packages (the `@linkworthy/source`
// export condition), so no build is needed between an edit and a test run. End-to-end tests
// that spawn the CLI or build the example use the built `dist/` instead.
export default defineConfig({
  resolve: { conditions: ['@linkworthy/source'] },
  ssr: { resolve: { conditions: ['@linkworthy/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 300_000,
  },
});
