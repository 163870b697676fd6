// The directory's filters live in the URL, so a filtered list can be shared, bookmarked and
// restored by the back button. French parameter names: the URL is part of the French UI.
import { type CommitteeStatus, isScale, isStatus, type Scale } from "./labels";

export interface DirectoryFilters {
  status?: CommitteeStatus;
  scale?: Scale;
  region?: string;
  department?: string;
  q?: string;
  cursor?: string;
}

const PARAMS = {
  status: "statut",
  scale: "echelle",
  region: "region",
  department: "departement",
  q: "q",
  cursor: "page",
} as const satisfies Record<keyof DirectoryFilters, string>;

const REGION = /^\d{2}$/;
const DEPARTMENT = /^(\d{2}|2[AB]|97\d)$/;

/** Reads the filters from a query; anything malformed is dropped rather than sent to the API. */
export function readFilters(query: Record<string, string | undefined>): DirectoryFilters {
  const filters: DirectoryFilters = {};
  const status = query[PARAMS.status];
  if (isStatus(status)) filters.status = status;
  const scale = query[PARAMS.scale];
  if (isScale(scale)) filters.scale = scale;
  const region = query[PARAMS.region];
  if (region && REGION.test(region)) filters.region = region;
  const department = query[PARAMS.department]?.toUpperCase();
  if (department && DEPARTMENT.test(department)) filters.department = department;
  const q = query[PARAMS.q]?.trim();
  if (q) filters.q = q.slice(0, 100);
  const cursor = query[PARAMS.cursor];
  if (cursor) filters.cursor = cursor;
  return filters;
}

/** The directory URL for these filters, parameters in a stable order. */
export function filtersUrl(filters: DirectoryFilters, path = "/"): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(PARAMS) as (keyof DirectoryFilters)[]) {
    const value = filters[key];
    if (value) search.set(PARAMS[key], value);
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** Reads a submitted filter form: a new search starts again at the first page. */
export function filtersFromForm(form: FormData): DirectoryFilters {
  const query: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string") query[key] = value;
  }
  const { cursor: _dropped, ...filters } = readFilters(query);
  return filters;
}

export const FILTER_PARAMS = PARAMS;

/** A `YYYY-MM-DD` day from the URL, or undefined when malformed or not a real day. */
export function readDay(value: string | undefined): string | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : undefined;
}

/** A page's URL with these query parameters, in the order given, empty ones left out. */
export function pageUrl(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value) search.set(key, value);
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}
