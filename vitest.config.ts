import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Workspace packages export a `source` condition that points at their TypeScript sources, so tests run against
// the code as written, without a build step in between.

const ignored = ['**/node_modules/**', '**/dist/**'];

export default defineConfig({
  // Added to Vite's defaults, never replacing them: forcing `import` would hand ESM builds to CommonJS `require`.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          environment: 'node',
          include: ['{apps,packages}/*/src/**/*.test.ts', 'scripts/src/**/*.test.ts'],
          exclude: [...ignored, '**/*.int.test.ts', '**/*.browser.test.ts'],
        },
      },
      {
        // Real services: the embedded engine (or MONGODB_URI), a real redis-server, the payment sandbox.
        extends: true,
        test: {
          name: 'integration',
          // Polls wait for asynchronous effects (webhooks, jobs); a loaded 2-core CI machine needs more than 1 s.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          sequence: { groupOrder: 1 },
          environment: 'node',
          include: ['{apps,packages}/*/src/**/*.int.test.ts', 'scripts/src/**/*.int.test.ts'],
          exclude: ignored,
          globalSetup: ['packages/testkit/src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        // A real Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
        extends: true,
        test: {
          name: 'browser',
          expect: { poll: { timeout: 15_000, interval: 100 } },
          sequence: { groupOrder: 2 },
          environment: 'node',
          include: [
            '{apps,packages}/*/src/**/*.browser.test.ts',
            'scripts/src/**/*.browser.test.ts',
            'e2e/src/**/*.e2e.test.ts',
          ],
          exclude: ignored,
          globalSetup: ['packages/testkit/src/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          maxWorkers: 1,
        },
      },
    ],
  },
});
