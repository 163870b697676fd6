// Type-checked by `make clients` against the generated TypeScript types (never run): a
// département's client reads its members and their errors with the generated types.
import type { components, paths } from "../../var/clients/typescript/schema";

type MembersPage =
  paths["/api/v1/committees/{committee_id}/members"]["get"]["responses"][200]["content"]["application/json"];
type Problem = components["schemas"]["Problem"];

export function memberNames(page: MembersPage): string[] {
  return page.items.map((m) => `${m.person.first_name} ${m.person.last_name}`);
}

export function problemLine(problem: Problem): string {
  return `${problem.status} ${problem.type}: ${problem.detail}`;
}
