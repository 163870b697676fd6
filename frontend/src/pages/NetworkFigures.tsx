// Participation and liaison figures for the network's animators, filtered by territory,
// committee and period (kept in the URL), each chart with its table and the API's CSV.
import { useLocation } from "preact-iso";
import { api, csvUrl, type Schemas, unwrapJson } from "../api/client";
import { problemMessage } from "../api/problems";
import { getDepartments, getNetwork, getRegions } from "../api/reference";
import { FigureBlock } from "../components/FigureBlock";
import { NetworkOnly } from "../components/NetworkOnly";
import { formatDay, formatNumber, formatPercent, plural, today } from "../lib/format";
import { useAsync, usePageTitle } from "../lib/hooks";
import {
  ATTENDANCE_LABELS,
  type AttendanceStatus,
  BODY_KIND_LABELS,
  CATEGORY_LABELS,
  CONTRIBUTION_KIND_LABELS,
  CONTRIBUTION_STATUS_LABELS,
  type ContributionKind,
  type ContributionStatus,
  type PersonCategory,
} from "../lib/labels";
import { pageUrl, readDay } from "../lib/urlState";

const PATH = "/reseau/chiffres";
const PARTICIPATION = "/api/v1/stats/participation";
const LIAISON = "/api/v1/stats/liaison";
type BodyKind = Schemas["BodyKind"];

interface Filters {
  scope?: "all";
  region?: string;
  department?: string;
  committee?: string;
  from?: string;
  to?: string;
  body?: BodyKind;
}

function readFigureFilters(query: Record<string, string | undefined>): Filters {
  const filters: Filters = {};
  if (query.portee === "tous") filters.scope = "all";
  if (query.comite && /^[0-9a-f-]{36}$/.test(query.comite)) filters.committee = query.comite;
  else if (query.departement && /^(\d{2}|2[AB]|97\d)$/.test(query.departement)) {
    filters.department = query.departement;
  } else if (query.region && /^\d{2}$/.test(query.region)) filters.region = query.region;
  const from = readDay(query.du);
  const to = readDay(query.au);
  if (from) filters.from = from;
  if (to) filters.to = to;
  if (query.instance && query.instance in BODY_KIND_LABELS)
    filters.body = query.instance as BodyKind;
  return filters;
}

function figuresUrl(filters: Filters): string {
  return pageUrl(PATH, {
    portee: filters.scope === "all" ? "tous" : undefined,
    region: filters.region,
    departement: filters.department,
    comite: filters.committee,
    du: filters.from,
    au: filters.to,
    instance: filters.body,
  });
}

/** The API's filters common to both figures. */
function where(filters: Filters) {
  return {
    ...(filters.scope ? { scope: filters.scope } : {}),
    ...(filters.region ? { region: filters.region } : {}),
    ...(filters.department ? { department: filters.department } : {}),
    ...(filters.committee ? { committee_id: filters.committee } : {}),
  };
}

const count = (value: number | null | undefined) =>
  value === null || value === undefined ? "secret" : formatNumber(value);

export default function NetworkFigures() {
  usePageTitle("Participation et liaison");
  return (
    <NetworkOnly title="Participation et liaison">
      <Figures />
    </NetworkOnly>
  );
}

function Figures() {
  const { query, route } = useLocation();
  const filters = readFigureFilters(query);
  const key = figuresUrl(filters);
  const participationQuery = {
    ...where(filters),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to, as_of: filters.to } : {}),
    ...(filters.body ? { body_kind: filters.body } : {}),
  };
  const participation = useAsync(
    () => unwrapJson(api.GET(PARTICIPATION, { params: { query: participationQuery } })),
    [key],
  );
  const liaison = useAsync(
    () =>
      Promise.all([
        unwrapJson(api.GET(LIAISON, { params: { query: where(filters) } })),
        getNetwork(),
      ]),
    [key],
  );
  const reference = useAsync(() => Promise.all([getRegions(), getDepartments(), getNetwork()]), []);
  const [regions, departments, committees] =
    reference.state === "ready" ? reference.data : [[], [], []];
  const sortedCommittees = [...committees].sort((a, b) =>
    (a.short_name ?? a.name).localeCompare(b.short_name ?? b.name, "fr"),
  );

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const read: Record<string, string> = {};
    for (const [name, value] of form.entries()) if (typeof value === "string") read[name] = value;
    route(figuresUrl(readFigureFilters(read)));
  };
  const csv = (path: string, params: Record<string, string | undefined>) => csvUrl(path, params);
  const plain = Object.fromEntries(
    Object.entries(participationQuery).map(([name, value]) => [name, String(value)]),
  );

  return (
    <>
      <h1 tabIndex={-1}>Participation et liaison</h1>
      <p class="lead">
        Qui participe aux comités et à leurs réunions, et comment circulent les remontées, les
        publications et les séminaires entre les comités et le HCTS.
      </p>
      <form class="filters" onSubmit={onSubmit} key={key} aria-label="Filtrer les chiffres">
        <div class="field">
          <label for="chiffres-portee">Comités comptés</label>
          <select
            id="chiffres-portee"
            name="portee"
            defaultValue={filters.scope === "all" ? "tous" : ""}
          >
            <option value="">Comités publiés</option>
            <option value="tous">Tous les comités</option>
          </select>
        </div>
        <div class="field">
          <label for="chiffres-region">Région</label>
          <select id="chiffres-region" name="region" defaultValue={filters.region ?? ""}>
            <option value="">Toutes</option>
            {regions.map((region) => (
              <option key={region.code} value={region.code}>
                {region.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="chiffres-departement">Département</label>
          <select
            id="chiffres-departement"
            name="departement"
            defaultValue={filters.department ?? ""}
          >
            <option value="">Tous</option>
            {departments.map((department) => (
              <option key={department.code} value={department.code}>
                {department.code} – {department.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="chiffres-comite">Comité</label>
          <select id="chiffres-comite" name="comite" defaultValue={filters.committee ?? ""}>
            <option value="">Tous</option>
            {sortedCommittees.map((committee) => (
              <option key={committee.id} value={committee.id}>
                {committee.short_name ?? committee.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="chiffres-du">Réunions du</label>
          <input
            id="chiffres-du"
            name="du"
            type="date"
            max={today()}
            defaultValue={filters.from ?? ""}
          />
        </div>
        <div class="field">
          <label for="chiffres-au">au</label>
          <input
            id="chiffres-au"
            name="au"
            type="date"
            max={today()}
            defaultValue={filters.to ?? ""}
          />
        </div>
        <div class="field">
          <label for="chiffres-instance">Instance</label>
          <select id="chiffres-instance" name="instance" defaultValue={filters.body ?? ""}>
            <option value="">Toutes</option>
            {(Object.keys(BODY_KIND_LABELS) as BodyKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {BODY_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button class="button" type="submit">
            Afficher
          </button>
          {key !== PATH && (
            <a class="button button--secondary" href={PATH}>
              Effacer les filtres
            </a>
          )}
        </div>
      </form>
      <p class="muted">
        Un comité choisi l’emporte sur le département, un département sur la région.
      </p>

      <section aria-labelledby="titre-participation">
        <h2 id="titre-participation">Participation</h2>
        {participation.state === "loading" && <p>Chargement des chiffres de participation…</p>}
        {participation.state === "failed" && (
          <p class="alert" role="alert">
            {problemMessage(participation.error)}
          </p>
        )}
        {participation.state === "ready" && (
          <Participation figures={participation.data} csv={csv(PARTICIPATION, plain)} />
        )}
      </section>

      <section aria-labelledby="titre-liaison">
        <h2 id="titre-liaison">Liaison avec le HCTS</h2>
        {liaison.state === "loading" && <p>Chargement des chiffres de liaison…</p>}
        {liaison.state === "failed" && (
          <p class="alert" role="alert">
            {problemMessage(liaison.error)}
          </p>
        )}
        {liaison.state === "ready" && (
          <Liaison
            figures={liaison.data[0]}
            names={new Map(liaison.data[1].map((c) => [c.id, c.short_name ?? c.name]))}
            csv={csv(LIAISON, Object.fromEntries(Object.entries(where(filters))))}
          />
        )}
      </section>
    </>
  );
}

function Participation(props: { figures: Schemas["ParticipationFigures"]; csv: string }) {
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

function Liaison(props: {
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
