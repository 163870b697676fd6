// The one door to the API: openapi-fetch typed by the generated schema, errors turned into
// `ApiError` carrying the problem's stable code (its English `detail` is for developers).
import createClient, { type Client } from "openapi-fetch";
import { ApiError, isProblem } from "./errors";
import type { paths } from "./schema";
import { Session } from "./session";

export { ApiError, type Problem, type ProblemCode, type Schemas } from "./errors";

export function makeClient(
  options: { baseUrl?: string; fetch?: (request: Request) => Promise<Response> } = {},
): Client<paths> {
  return createClient<paths>({
    baseUrl: options.baseUrl ?? "",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

// Every call of the SPA goes through the session, which adds and refreshes the token.
export const session = new Session(
  (request) => globalThis.fetch(request),
  typeof sessionStorage === "undefined" ? null : sessionStorage,
);
export const api = makeClient({ fetch: (request) => session.fetch(request) });

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an `ApiError` (a network failure is one too, with status 0). */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    throw new ApiError(0, null);
  }
  if (answer.error !== undefined || !answer.response.ok) {
    throw new ApiError(answer.response.status, isProblem(answer.error) ? answer.error : null);
  }
  if (answer.data === undefined) throw new ApiError(answer.response.status, null);
  return answer.data;
}

/**
 * As `unwrap`, for operations that also answer CSV: their documented body is `T | string`, and
 * without `format=csv` the API answers JSON.
 */
export async function unwrapJson<T>(call: Promise<Answer<T>>): Promise<Exclude<T, string>> {
  const data = await unwrap(call);
  if (typeof data === "string") throw new ApiError(0, null);
  return data as Exclude<T, string>;
}

/** A CSV download link to a GET operation (the API answers CSV for `format=csv`). */
export function csvUrl(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, value);
  }
  search.set("format", "csv");
  return `${path}?${search.toString()}`;
}
