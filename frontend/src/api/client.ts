// The one door to the API: openapi-fetch typed by the generated schema, errors turned into
// `ApiError` carrying the problem's stable code (its English `detail` is for developers).
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema";

export type Problem = components["schemas"]["Problem"];
export type ProblemCode = components["schemas"]["ProblemCode"];
export type Schemas = components["schemas"];

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem ? `${problem.code}: ${problem.detail}` : `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  get code(): ProblemCode | null {
    return this.problem?.code ?? null;
  }
}

function isProblem(value: unknown): value is Problem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { status?: unknown }).status === "number"
  );
}

export function makeClient(
  options: { baseUrl?: string; fetch?: typeof fetch } = {},
): Client<paths> {
  return createClient<paths>({
    baseUrl: options.baseUrl ?? "",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

export const api = makeClient();

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
