import { defineConfig } from "vitest/config";

// The browser suite: one API served on the demo network, Debian's Chromium driven by
// playwright-core, the test files one after the other (they share the server and the machine's
// two cores).
export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.ts"],
    globalSetup: ["e2e/server.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // A login hashes a password on a busy two-core machine: polls wait for the page that long.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
