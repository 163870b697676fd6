// Reference lists fetched once per visit: INSEE territories, and the whole public directory for
// the map (at most a few hundred committees: one page of 500).
import { api, type Schemas, session, unwrap, unwrapJson } from "./client";

type Region = Schemas["RegionPublic"];
type Department = Schemas["DepartmentPublic"];
type Committee = Schemas["CommitteePublic"];

let regions: Promise<Region[]> | undefined;
let departments: Promise<Department[]> | undefined;
let network: Promise<Committee[]> | undefined;
// Whose list it is: a login sees its private committees too, so a new login reads it again.
let networkFor: string | undefined;

function once<T>(load: () => Promise<T>, reset: () => void): Promise<T> {
  const promise = load();
  // A failed load is tried again next time rather than cached.
  promise.catch(reset);
  return promise;
}

export function getRegions(): Promise<Region[]> {
  regions ??= once(
    () => unwrap(api.GET("/api/v1/territories/regions")).then((page) => page.items),
    () => {
      regions = undefined;
    },
  );
  return regions;
}

export function getDepartments(): Promise<Department[]> {
  departments ??= once(
    () => unwrap(api.GET("/api/v1/territories/departments")).then((page) => page.items),
    () => {
      departments = undefined;
    },
  );
  return departments;
}

/** Every public committee, following the cursors (one page in practice). */
export function getNetwork(): Promise<Committee[]> {
  const caller = session.state.me?.id ?? "";
  if (caller !== networkFor) network = undefined;
  networkFor = caller;
  network ??= once(
    async () => {
      const all: Committee[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrapJson(
          api.GET("/api/v1/committees", {
            params: { query: { limit: 500, ...(cursor ? { cursor } : {}) } },
          }),
        );
        all.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      return all;
    },
    () => {
      network = undefined;
    },
  );
  return network;
}

/** `code → name` for territories. */
export function names<T extends { code: string; name: string }>(items: T[]): Map<string, string> {
  return new Map(items.map((item) => [item.code, item.name]));
}
