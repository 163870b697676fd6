/// <reference types="vitest/config" />
import { defineConfig } from "vite";

// The API the dev server forwards to (`make dev` sets it).
const api = process.env.ANCRAGE_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  // Preact's automatic JSX runtime, without the Babel-based preset.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  resolve: {
    alias: { react: "preact/compat", "react-dom": "preact/compat" },
  },
  build: {
    target: "es2022",
    // Every chunk's size is measured by the e2e run (budgets), not guessed here.
    reportCompressedSize: false,
    assetsDir: "assets",
  },
  server: {
    port: 5173,
    proxy: { "/api": api, "/docs": api },
  },
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
  },
});
