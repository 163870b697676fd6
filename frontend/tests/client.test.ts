import { describe, expect, it } from "vitest";
import { ApiError, csvUrl, makeClient, unwrap, unwrapJson } from "../src/api/client";
import { problemMessage } from "../src/api/problems";

function answering(status: number, body: unknown, type = "application/json") {
  const calls: Request[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push(input instanceof Request ? input : new Request(input, init));
    return new Response(typeof body === "string" ? body : JSON.stringify(body), {
      status,
      headers: { "Content-Type": type },
    });
  };
  return { client: makeClient({ baseUrl: "http://api.test", fetch }), calls };
}

const notFound = {
  type: "https://ancrage.social.gouv.fr/problems/not-found",
  code: "committee_not_found",
  title: "Not found",
  status: 404,
  detail: "No committee 42.",
};

describe("the API client", () => {
  it("returns the data of a success, with the query the caller typed", async () => {
    const { client, calls } = answering(200, { items: [], next_cursor: null });
    const page = await unwrapJson(
      client.GET("/api/v1/committees", { params: { query: { status: "active", limit: 5 } } }),
    );
    expect(page).toEqual({ items: [], next_cursor: null });
    expect(calls[0]?.url).toBe("http://api.test/api/v1/committees?status=active&limit=5");
  });

  it("turns a problem into an ApiError carrying its stable code", async () => {
    const { client } = answering(404, notFound, "application/problem+json");
    const failure = await unwrap(
      client.GET("/api/v1/committees/{committee_id}", { params: { path: { committee_id: "42" } } }),
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(404);
    expect((failure as ApiError).code).toBe("committee_not_found");
    expect(problemMessage(failure)).toBe("Ce comité n’existe pas ou n’est pas public.");
  });

  it("words an unknown code by its status, never with the English detail", async () => {
    const { client } = answering(409, { ...notFound, code: "motion_closed", status: 409 });
    const failure = await unwrap(client.GET("/api/v1/health")).catch((error: unknown) => error);
    expect(problemMessage(failure)).toBe("La demande n’a pas pu aboutir.");
    expect(problemMessage(failure)).not.toContain("committee");
  });

  it("reports a network failure as status 0", async () => {
    const client = makeClient({
      baseUrl: "http://api.test",
      fetch: () => Promise.reject(new TypeError("offline")),
    });
    const failure = await unwrap(client.GET("/api/v1/health")).catch((error: unknown) => error);
    expect((failure as ApiError).status).toBe(0);
    expect(problemMessage(failure)).toContain("ne répond pas");
  });

  it("builds CSV links, leaving empty filters out", () => {
    expect(csvUrl("/api/v1/stats/network", { as_of: "2024-01-15", scope: undefined })).toBe(
      "/api/v1/stats/network?as_of=2024-01-15&format=csv",
    );
  });
});
