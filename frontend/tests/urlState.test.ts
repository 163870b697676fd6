import { describe, expect, it } from "vitest";
import { filtersFromForm, filtersUrl, readDay, readFilters } from "../src/lib/urlState";

describe("directory filters in the URL", () => {
  it("reads French parameters into API filters", () => {
    expect(
      readFilters({
        statut: "active",
        echelle: "regional",
        region: "84",
        departement: "2a",
        q: "  Ardèche ",
        page: "abc",
      }),
    ).toEqual({
      status: "active",
      scale: "regional",
      region: "84",
      department: "2A",
      q: "Ardèche",
      cursor: "abc",
    });
  });

  it("drops malformed values instead of sending them to the API", () => {
    expect(
      readFilters({ statut: "open", echelle: "world", region: "8", departement: "999", q: " " }),
    ).toEqual({});
  });

  it("writes a stable URL that reads back to the same filters", () => {
    const filters = { q: "lot", status: "active", department: "47" } as const;
    const url = filtersUrl(filters);
    expect(url).toBe("/?statut=active&departement=47&q=lot");
    const query = Object.fromEntries(new URL(url, "http://x").searchParams);
    expect(readFilters(query)).toEqual(filters);
    expect(filtersUrl({})).toBe("/");
  });

  it("starts a new search from the first page", () => {
    const form = new FormData();
    form.set("statut", "construction");
    form.set("region", "");
    form.set("page", "cursor-of-page-2");
    expect(filtersFromForm(form)).toEqual({ status: "construction" });
  });

  it("accepts only real days", () => {
    expect(readDay("2024-01-15")).toBe("2024-01-15");
    expect(readDay("2023-02-29")).toBeUndefined();
    expect(readDay("15/01/2024")).toBeUndefined();
    expect(readDay(undefined)).toBeUndefined();
  });
});
