import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The web app's component tests (web/test) run in happy-dom, named per file by `@vitest-environment`.
    // Browser tests (test/browser) run in node: they drive /usr/bin/chromium through playwright-core against
    // a local runtime of their own (scripts/ensure-browser.sh installs Chromium; `npm test` calls it).
    include: ['test/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
    // Integration files each start the local runtime, which sets process-wide AWS settings: one process each.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Request logs are tested where they matter (logging.test.ts); elsewhere they are noise.
    // Tests poll the API every 50 ms with one token, far faster than any client: the per-key rate limit is
    // raised out of their way, and test/integration/rate-limit.test.ts sets its own.
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_REQUESTS: '1000000',
    },
  },
});
