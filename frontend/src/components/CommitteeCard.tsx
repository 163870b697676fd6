import type { Committee } from "../lib/coverage";
import { formatDay } from "../lib/format";
import { SCALE_LABELS, STATUS_LABELS } from "../lib/labels";

/** Where a committee works, in words: its régions and départements by name. */
export function territoryText(
  committee: Pick<Committee, "region_codes" | "department_codes">,
  regionNames: Map<string, string>,
  departmentNames: Map<string, string>,
): string {
  const parts = [
    ...committee.region_codes.map((code) => `région ${regionNames.get(code) ?? code}`),
    ...committee.department_codes.map(
      (code) => `${departmentNames.get(code) ?? "département"} (${code})`,
    ),
  ];
  return parts.join(", ") || "Territoire non renseigné";
}

export function StatusBadge({ status }: { status: Committee["status"] }) {
  return <span class={`badge badge--${status}`}>{STATUS_LABELS[status]}</span>;
}

export function CommitteeCard(props: {
  committee: Committee;
  regionNames: Map<string, string>;
  departmentNames: Map<string, string>;
}) {
  const { committee } = props;
  return (
    <article class="card">
      <h3>
        <a href={`/comites/${committee.id}`}>{committee.short_name}</a>
      </h3>
      <p>{committee.name}</p>
      <StatusBadge status={committee.status} />
      <p>
        {SCALE_LABELS[committee.scale]} ·{" "}
        {territoryText(committee, props.regionNames, props.departmentNames)}
      </p>
      <p>
        <small>Depuis le {formatDay(committee.status_since)}</small>
      </p>
    </article>
  );
}
