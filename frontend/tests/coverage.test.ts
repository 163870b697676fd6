import { describe, expect, it } from "vitest";
import { describe as describeDepartment } from "../src/components/FranceMap";
import { type Committee, coverage } from "../src/lib/coverage";

function committee(overrides: Partial<Committee>): Committee {
  return {
    id: "c",
    name: "Comité",
    short_name: "C",
    scale: "departmental",
    region_codes: [],
    department_codes: [],
    parent_id: null,
    description: null,
    contact_email: null,
    is_public: true,
    carrying_organisations: [],
    status: "active",
    status_since: "2020-01-01",
    created_at: "2020-01-01T00:00:00Z",
    updated_at: "2020-01-01T00:00:00Z",
    ...overrides,
  };
}

const departments = [
  { code: "07", name: "Ardèche", region_code: "84" },
  { code: "01", name: "Ain", region_code: "84" },
  { code: "47", name: "Lot-et-Garonne", region_code: "75" },
];

describe("map coverage", () => {
  it("gives each département its most advanced status, regions covering their départements", () => {
    const map = coverage(
      [
        committee({ id: "a", department_codes: ["07"], status: "construction" }),
        committee({ id: "b", scale: "regional", region_codes: ["84"], status: "active" }),
        committee({ id: "c", department_codes: ["47"], status: "reflection" }),
      ],
      departments,
    );
    expect(map.get("07")?.status).toBe("active");
    expect(map.get("07")?.committees.map((c) => c.id)).toEqual(["a", "b"]);
    expect(map.get("01")?.status).toBe("active");
    expect(map.get("47")?.status).toBe("reflection");
  });

  it("names each département's link with its status and count", () => {
    const map = coverage([committee({ department_codes: ["07"] })], departments);
    expect(describeDepartment("Ardèche", "07", map.get("07"))).toBe(
      "Ardèche (07) : actif, 1 comité",
    );
    expect(describeDepartment("Ain", "01", map.get("01"))).toBe("Ain (01) : aucun comité");
  });
});
