// The liaison figures of the network's workspace: contributions and HCTS's response times,
// relays of publications, seminar attendance by committee (GET /stats/liaison).
import type { Schemas } from "../api/client";
import { formatDay, formatNumber, formatPercent, plural } from "../lib/format";
import {
  CONTRIBUTION_KIND_LABELS,
  CONTRIBUTION_STATUS_LABELS,
  type ContributionKind,
  type ContributionStatus,
} from "../lib/labels";
import { FigureBlock } from "./FigureBlock";

export function LiaisonFigures(props: {
  figures: Schemas["LiaisonFigures"];
  names: Map<string, string>;
  csv: string;
}) {
  const { contributions, relays, seminar_attendance } = props.figures;
  const statuses = Object.keys(CONTRIBUTION_STATUS_LABELS) as ContributionStatus[];
  const kinds = Object.keys(CONTRIBUTION_KIND_LABELS) as ContributionKind[];
  const csv = { href: props.csv, label: "Télécharger les chiffres de liaison (CSV)" };
  const publications = relays.by_publication.slice(0, 12);
  return (
    <>
      <ul class="key-figures" aria-label="Chiffres clés de la liaison">
        <li>
          <strong>{formatNumber(contributions.total)}</strong>
          {contributions.total > 1 ? "remontées" : "remontée"}
        </li>
        <li>
          <strong>{formatNumber(relays.active_committees)}</strong>
          {relays.active_committees > 1 ? "comités actifs comptés" : "comité actif compté"}
        </li>
        <li>
          <strong>{formatNumber(relays.by_publication.length)}</strong>
          {relays.by_publication.length > 1 ? "publications publiées" : "publication publiée"}
        </li>
      </ul>
      <FigureBlock
        title="Remontées par état"
        kind="bar"
        labels={statuses.map((status) => CONTRIBUTION_STATUS_LABELS[status])}
        series={[
          {
            label: "Remontées",
            values: statuses.map((status) => contributions.by_status[status] ?? 0),
            colour: "--status-active",
          },
        ]}
        description="Histogramme des remontées des comités par état. Les valeurs sont dans le tableau qui suit."
        csv={csv}
        table={{
          summary: "Tableau des données : remontées par état et par nature",
          caption: "Remontées par état",
          head: ["État", "Remontées"],
          rows: [
            ...statuses.map((status) => ({
              label: CONTRIBUTION_STATUS_LABELS[status],
              cells: [formatNumber(contributions.by_status[status] ?? 0)],
            })),
            ...kinds.map((kind) => ({
              label: `Nature : ${CONTRIBUTION_KIND_LABELS[kind]}`,
              cells: [formatNumber(contributions.by_kind[kind] ?? 0)],
            })),
          ],
        }}
      />
      <h3>Délais de réponse du HCTS, par année de transmission</h3>
      <div class="table-wrap">
        <table>
          <caption>
            Jours entre la transmission d’une remontée et la suite donnée par le HCTS
          </caption>
          <thead>
            <tr>
              <th scope="col">Année</th>
              <th scope="col" class="num">
                Transmises
              </th>
              <th scope="col" class="num">
                Premier geste : médiane
              </th>
              <th scope="col" class="num">
                Premier geste : 9 sur 10 avant
              </th>
              <th scope="col" class="num">
                Réponse : médiane
              </th>
              <th scope="col" class="num">
                Réponse : 9 sur 10 avant
              </th>
            </tr>
          </thead>
          <tbody>
            {contributions.response_times.map((year) => (
              <tr key={year.year}>
                <th scope="row">{year.year}</th>
                <td class="num">{formatNumber(year.submitted)}</td>
                <td class="num">{days(year.first_move.median_days)}</td>
                <td class="num">{days(year.first_move.p90_days)}</td>
                <td class="num">{days(year.answer.median_days)}</td>
                <td class="num">{days(year.answer.p90_days)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FigureBlock
        title="Relais des dernières publications"
        kind="bar"
        horizontal
        tall
        labels={publications.map((item) => shorten(item.title))}
        series={[
          {
            label: "Comités qui l’ont relayée",
            values: publications.map((item) => item.committees_relaying),
            colour: "--status-construction",
          },
        ]}
        description="Histogramme du nombre de comités ayant relayé chacune des dernières publications du HCTS. Les valeurs sont dans le tableau qui suit."
        table={{
          summary: "Tableau des données : relais par publication",
          caption: "Comités ayant relayé chaque publication, et part des comités actifs",
          head: ["Publication", "Comités", "Part des comités actifs"],
          rows: relays.by_publication.map((item) => ({
            label: `${item.title} (${formatDay(item.published_on)})`,
            cells: [
              formatNumber(item.committees_relaying),
              formatPercent(item.share_of_active_committees),
            ],
          })),
        }}
      />
      <h3>Participation des comités aux séminaires</h3>
      {seminar_attendance.length === 0 ? (
        <p>Aucune inscription aux séminaires pour ces comités.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>
              Participants inscrits et présents aux séminaires du réseau, par comité
            </caption>
            <thead>
              <tr>
                <th scope="col">Comité</th>
                <th scope="col" class="num">
                  Inscrits
                </th>
                <th scope="col" class="num">
                  Présents
                </th>
                <th scope="col" class="num">
                  Séminaires suivis
                </th>
              </tr>
            </thead>
            <tbody>
              {seminar_attendance.map((line) => (
                <tr key={line.committee_id}>
                  <th scope="row">{props.names.get(line.committee_id) ?? "Comité non public"}</th>
                  <td class="num">{formatNumber(line.registered)}</td>
                  <td class="num">{formatNumber(line.present)}</td>
                  <td class="num">{formatNumber(line.seminars_attended)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function days(value: number | null): string {
  return value === null ? "—" : plural(value, "jour", "jours");
}

/** A long title cut for a chart's axis (the table gives it whole). */
function shorten(title: string): string {
  return title.length > 48 ? `${title.slice(0, 47)}…` : title;
}
