// The participation figures of the network's workspace: members, their categories, meetings and
// attendance (GET /stats/participation), each chart with its table and the API's CSV.
import type { Schemas } from "../api/client";
import { formatDay, formatNumber, formatPercent } from "../lib/format";
import {
  ATTENDANCE_LABELS,
  type AttendanceStatus,
  CATEGORY_LABELS,
  type PersonCategory,
} from "../lib/labels";
import { FigureBlock } from "./FigureBlock";

/** A count, or « secret » where statistical secrecy hides it. */
const count = (value: number | null | undefined) =>
  value === null || value === undefined ? "secret" : formatNumber(value);

export function ParticipationFigures(props: {
  figures: Schemas["ParticipationFigures"];
  csv: string;
}) {
  const { members, meetings, period_start, period_end, as_of } = props.figures;
  const categories = Object.keys(CATEGORY_LABELS) as PersonCategory[];
  const statuses = Object.keys(ATTENDANCE_LABELS) as AttendanceStatus[];
  const period = `du ${formatDay(period_start)} au ${formatDay(period_end)}`;
  const csv = { href: props.csv, label: "Télécharger les chiffres de participation (CSV)" };
  const recorded = statuses.reduce(
    (sum, status) => sum + (meetings.named.by_status[status] ?? 0),
    0,
  );
  return (
    <>
      <ul
        class="key-figures"
        aria-label={`Chiffres clés de la participation au ${formatDay(as_of)}`}
      >
        <li>
          <strong>{count(members.total)}</strong>
          {(members.total ?? 2) > 1 ? "membres" : "membre"} au {formatDay(as_of)}
        </li>
        <li>
          <strong>{formatPercent(members.share_person_supported)}</strong>de personnes accompagnées
        </li>
        <li>
          <strong>{formatNumber(members.organisations)}</strong>
          {members.organisations > 1 ? "structures représentées" : "structure représentée"}
        </li>
        <li>
          <strong>{formatPercent(members.retention.rate)}</strong>encore membres un an après
        </li>
        <li>
          <strong>{formatNumber(meetings.meetings)}</strong>
          {meetings.meetings > 1 ? "réunions" : "réunion"} {period}
        </li>
        <li>
          <strong>{formatPercent(meetings.named.attendance_rate)}</strong>de présence aux réunions
        </li>
      </ul>
      <FigureBlock
        title={`Membres par catégorie au ${formatDay(as_of)}`}
        kind="bar"
        horizontal
        labels={categories.map((category) => CATEGORY_LABELS[category])}
        series={[
          {
            label: "Membres",
            values: categories.map((category) => members.by_category[category] ?? null),
            colour: "--status-active",
          },
        ]}
        description={`Histogramme des membres par catégorie au ${formatDay(as_of)}. Les valeurs sont dans le tableau qui suit.`}
        csv={csv}
        table={{
          summary: "Tableau des données : membres par catégorie",
          caption: `Membres par catégorie au ${formatDay(as_of)}`,
          head: ["Catégorie", "Membres"],
          rows: categories.map((category) => ({
            label: CATEGORY_LABELS[category],
            cells: [count(members.by_category[category])],
          })),
        }}
      />
      {recorded === 0 ? (
        <p>Aucune présence nominative n’est enregistrée pour les réunions {period}.</p>
      ) : (
        <FigureBlock
          title={`Présence aux réunions ${period}`}
          kind="bar"
          labels={statuses.map((status) => ATTENDANCE_LABELS[status])}
          series={[
            {
              label: "Participants",
              values: statuses.map((status) => meetings.named.by_status[status] ?? null),
              colour: "--status-construction",
            },
          ]}
          description={`Histogramme des participants nommés aux réunions ${period}, par présence. Les valeurs sont dans le tableau qui suit.`}
          caption={`Réunions dont la présence est nominative (${formatNumber(meetings.named.by_status.present ?? 0)} présents).`}
          table={{
            summary: "Tableau des données : présence aux réunions",
            caption: `Participants nommés aux réunions ${period}, par présence`,
            head: ["Présence", "Participants"],
            rows: statuses.map((status) => ({
              label: ATTENDANCE_LABELS[status],
              cells: [count(meetings.named.by_status[status])],
            })),
          }}
        />
      )}
    </>
  );
}
