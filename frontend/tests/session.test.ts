import { describe, expect, it } from "vitest";
import { ApiError } from "../src/api/errors";
import { Session, safeReturn } from "../src/api/session";

const ME = { id: "u", email: "a@b.fr", display_name: "Animation", person_id: null, grants: [] };
const PAIR = (n: number) => ({
  access_token: `access-${n}`,
  token_type: "bearer",
  expires_in: 900,
  refresh_token: `refresh-${n}`,
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

function memory() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/** A fake API: `valid` is the access token it accepts; refresh tokens rotate. */
function server() {
  const calls: string[] = [];
  let issued = 0;
  const state = { valid: "", refreshOk: true };
  const base = async (request: Request) => {
    const path = new URL(request.url).pathname;
    calls.push(`${request.method} ${path} ${request.headers.get("Authorization") ?? "-"}`);
    if (path === "/api/v1/auth/token") {
      const form = new URLSearchParams(await request.text());
      if (form.get("password") !== "secret") {
        return json(401, {
          code: "invalid_credentials",
          status: 401,
          title: "",
          detail: "",
          type: "",
        });
      }
      issued += 1;
      state.valid = `access-${issued}`;
      return json(200, PAIR(issued));
    }
    if (path === "/api/v1/auth/refresh") {
      if (!state.refreshOk) return json(401, { code: "invalid_refresh_token", status: 401 });
      issued += 1;
      state.valid = `access-${issued}`;
      return json(200, PAIR(issued));
    }
    if (request.headers.get("Authorization") !== `Bearer ${state.valid}`) {
      return json(401, { code: "unauthorized", status: 401 });
    }
    return path === "/api/v1/me" ? json(200, ME) : json(200, { body: await request.text() });
  };
  return { base, calls, state };
}

describe("the session", () => {
  it("logs in, keeps the refresh token in the tab and loads /me", async () => {
    const api = server();
    const storage = memory();
    const session = new Session(api.base, storage, "http://api.test");
    expect(await session.login("a@b.fr", "secret")).toEqual(ME);
    expect(session.state.me?.display_name).toBe("Animation");
    expect(storage.getItem("ancrage.refresh")).toBe("refresh-1");
    expect(api.calls.at(-1)).toBe("GET /api/v1/me Bearer access-1");
  });

  it("turns refused credentials into an ApiError with the problem's code", async () => {
    const session = new Session(server().base, memory(), "http://api.test");
    const failure = await session.login("a@b.fr", "wrong").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).code).toBe("invalid_credentials");
    expect(session.state.me).toBeNull();
  });

  it("refreshes an expired access token once and replays the calls, body included", async () => {
    const api = server();
    const session = new Session(api.base, memory(), "http://api.test");
    await session.login("a@b.fr", "secret");
    api.state.valid = "something-else"; // the access token expired
    const [a, b] = await Promise.all([
      session.fetch(new Request("http://api.test/api/v1/x", { method: "POST", body: "typed" })),
      session.fetch(new Request("http://api.test/api/v1/y")),
    ]);
    expect(a.status).toBe(200);
    expect(await a.json()).toEqual({ body: "typed" });
    expect(b.status).toBe(200);
    expect(api.calls.filter((call) => call.includes("/auth/refresh"))).toHaveLength(1);
  });

  it("expires when the refresh token is refused, and says so to its listeners", async () => {
    const api = server();
    const storage = memory();
    const session = new Session(api.base, storage, "http://api.test");
    await session.login("a@b.fr", "secret");
    let told = 0;
    session.subscribe(() => {
      told += 1;
    });
    api.state.valid = "something-else";
    api.state.refreshOk = false;
    const answer = await session.fetch(new Request("http://api.test/api/v1/x"));
    expect(answer.status).toBe(401);
    expect(session.state).toEqual({ me: null, expired: true });
    expect(told).toBe(1);
    expect(storage.getItem("ancrage.refresh")).toBeNull();
  });

  it("restores a session kept in the tab after a reload", async () => {
    const api = server();
    const storage = memory();
    await new Session(api.base, storage, "http://api.test").login("a@b.fr", "secret");
    const reloaded = new Session(api.base, storage, "http://api.test");
    expect(await reloaded.restore()).toEqual(ME);
  });
});

describe("the page to return to after logging in", () => {
  it("is a path of this site, never another site", () => {
    expect(safeReturn("/comites/42?x=1")).toBe("/comites/42?x=1");
    expect(safeReturn("//evil.example")).toBe("/");
    expect(safeReturn("https://evil.example")).toBe("/");
    expect(safeReturn("/\\evil.example")).toBe("/");
    expect(safeReturn("/connexion")).toBe("/");
    expect(safeReturn(undefined)).toBe("/");
  });
});
