// Which committees cover each département, and the status the map shows for it: a regional
// committee covers every département of its regions.
import type { Schemas } from "../api/client";
import type { CommitteeStatus } from "./labels";

export type Committee = Schemas["CommitteePublic"];
export type Department = Schemas["DepartmentPublic"];

export interface Coverage {
  /** The most advanced status among the committees covering it, null when none does. */
  status: CommitteeStatus | null;
  committees: Committee[];
}

// Which status wins when several committees cover one département.
const RANK: Record<CommitteeStatus, number> = {
  active: 5,
  construction: 4,
  reflection: 3,
  dormant: 2,
  closed: 1,
};

export function coverage(
  committees: readonly Committee[],
  departments: readonly Department[],
): Map<string, Coverage> {
  const byRegion = new Map<string, string[]>();
  const result = new Map<string, Coverage>();
  for (const department of departments) {
    result.set(department.code, { status: null, committees: [] });
    const codes = byRegion.get(department.region_code) ?? [];
    codes.push(department.code);
    byRegion.set(department.region_code, codes);
  }
  for (const committee of committees) {
    const codes = new Set(committee.department_codes);
    for (const region of committee.region_codes) {
      for (const code of byRegion.get(region) ?? []) codes.add(code);
    }
    for (const code of codes) {
      const entry = result.get(code);
      if (!entry) continue;
      entry.committees.push(committee);
      if (entry.status === null || RANK[committee.status] > RANK[entry.status]) {
        entry.status = committee.status;
      }
    }
  }
  return result;
}
