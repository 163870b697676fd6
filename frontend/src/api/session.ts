// The login session: a short-lived access token in memory, the refresh token in sessionStorage
// (so a reload keeps the session, closing the tab ends it). Every API call goes through
// `session.fetch`, which adds the token and, on a 401, refreshes it once and replays the call:
// an expired access token never shows. When the refresh fails too, the session has expired and
// listeners send the person to the login page, to come back where they were.
import { ApiError, type Problem, type Schemas } from "./errors";

export type Me = Schemas["MePublic"];
type TokenPair = Schemas["TokenPair"];
type BaseFetch = (request: Request) => Promise<Response>;

const STORAGE_KEY = "ancrage.refresh";
const TOKEN_PATH = "/api/v1/auth/token";
const REFRESH_PATH = "/api/v1/auth/refresh";
const ME_PATH = "/api/v1/me";

export interface SessionState {
  me: Me | null;
  /** True once a session ended by itself (its refresh token refused), until the next login. */
  expired: boolean;
}

async function problemOf(response: Response): Promise<Problem | null> {
  try {
    const body: unknown = await response.json();
    return typeof body === "object" && body !== null && "code" in body ? (body as Problem) : null;
  } catch {
    return null;
  }
}

export class Session {
  private access: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  private listeners = new Set<() => void>();
  state: SessionState = { me: null, expired: false };

  constructor(
    private readonly base: BaseFetch,
    private readonly storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null,
    private readonly origin = "",
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  hasRole(role: Schemas["Role"]): boolean {
    return this.state.me?.grants.some((grant) => grant.role === role) ?? false;
  }

  /** The fetch every API call goes through. */
  fetch = async (request: Request): Promise<Response> => {
    const replay = request.clone();
    const response = await this.base(this.authorised(request));
    if (response.status !== 401 || !this.refreshToken() || isAuthPath(request.url)) {
      return response;
    }
    if (!(await this.refresh())) return response;
    return this.base(this.authorised(replay));
  };

  private authorised(request: Request): Request {
    if (this.access && !request.headers.has("Authorization")) {
      request.headers.set("Authorization", `Bearer ${this.access}`);
    }
    return request;
  }

  private refreshToken(): string | null {
    return this.storage?.getItem(STORAGE_KEY) ?? null;
  }

  private keep(tokens: TokenPair): void {
    this.access = tokens.access_token;
    this.storage?.setItem(STORAGE_KEY, tokens.refresh_token);
  }

  private forget(): void {
    this.access = null;
    this.storage?.removeItem(STORAGE_KEY);
  }

  /** Exchanges the refresh token for a new pair, once for any number of calls waiting on it. */
  refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      const token = this.refreshToken();
      if (!token) return false;
      try {
        const response = await this.base(
          new Request(`${this.origin}${REFRESH_PATH}`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ refresh_token: token }),
          }),
        );
        if (!response.ok) {
          if (response.status === 401) {
            this.forget();
            this.set({ me: null, expired: this.state.me !== null });
          }
          return false;
        }
        this.keep((await response.json()) as TokenPair);
        return true;
      } catch {
        return false;
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  /** Logs in with the password grant; an `ApiError` carries the problem's code on failure. */
  async login(email: string, password: string): Promise<Me> {
    const response = await this.base(
      new Request(`${this.origin}${TOKEN_PATH}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "password", username: email, password }),
      }),
    ).catch(() => {
      throw new ApiError(0, null);
    });
    if (!response.ok) throw new ApiError(response.status, await problemOf(response));
    this.keep((await response.json()) as TokenPair);
    const me = await this.loadMe();
    if (!me) throw new ApiError(401, null);
    return me;
  }

  /** Restores a session kept in this tab (after a reload), if any. */
  async restore(): Promise<Me | null> {
    if (!this.refreshToken()) return null;
    if (!(await this.refresh())) return null;
    return this.loadMe();
  }

  private async loadMe(): Promise<Me | null> {
    const response = await this.fetch(new Request(`${this.origin}${ME_PATH}`));
    if (!response.ok) return null;
    const me = (await response.json()) as Me;
    this.set({ me, expired: false });
    return me;
  }

  logout(): void {
    this.forget();
    this.set({ me: null, expired: false });
  }
}

function isAuthPath(url: string): boolean {
  const path = new URL(url, "http://localhost").pathname;
  return path === TOKEN_PATH || path === REFRESH_PATH;
}

/** A path of this site to return to after logging in; anything else goes home. */
export function safeReturn(value: string | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value.startsWith("/connexion") ? "/" : value;
}
