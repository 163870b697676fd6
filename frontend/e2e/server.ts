// Serves the API and the built SPA on the demo network, on a fresh SQLite database in var/e2e,
// for the browser suite; stopped when the suite ends.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import type { TestProject } from "vitest/node";

const ROOT = resolve(import.meta.dirname, "../..");
const VAR = resolve(ROOT, "var/e2e");
const BIN = resolve(ROOT, ".venv/bin");

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer()
      .once("error", () => done(false))
      .once("listening", () => probe.close(() => done(true)))
      .listen(port, "127.0.0.1");
  });
}

/** A free port among 8100–8199, the range kept for servers started by the checks. */
async function freePort(): Promise<number> {
  const start = 8100 + Math.floor(Math.random() * 100);
  for (let i = 0; i < 100; i++) {
    const port = 8100 + ((start - 8100 + i) % 100);
    if (await isFree(port)) return port;
  }
  throw new Error("No free port in 8100–8199");
}

let server: ChildProcess | undefined;

export default async function setup(project: TestProject) {
  rmSync(VAR, { recursive: true, force: true });
  mkdirSync(VAR, { recursive: true });
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:///${VAR}/e2e.db`,
    ENVIRONMENT: "development",
    FRONTEND_DIST: resolve(ROOT, "frontend/dist"),
  };
  const quiet = { cwd: ROOT, env, stdio: "pipe" as const };
  execFileSync(`${BIN}/alembic`, ["upgrade", "head"], quiet);
  execFileSync(`${BIN}/ancrage`, ["load-demo"], quiet);

  const port = await freePort();
  const log = resolve(VAR, "serve.log");
  const out = openSync(log, "w");
  server = spawn(
    `${BIN}/ancrage`,
    ["serve", "--host", "127.0.0.1", "--port", String(port), "--workers", "1", "--no-access-log"],
    { cwd: ROOT, env, stdio: ["ignore", out, out] },
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const ready = await fetch(`${base}/api/v1/health/ready`);
      if (ready.ok) break;
    } catch {
      // not listening yet
    }
    if (server.exitCode !== null || Date.now() > deadline) {
      throw new Error(`The API did not start:\n${readFileSync(log, "utf8").slice(-3000)}`);
    }
    await new Promise((wait) => setTimeout(wait, 200));
  }
  project.provide("baseUrl", base);
  return () => {
    server?.kill("SIGTERM");
  };
}
