// Participation and liaison figures for the network's animators, filtered by territory,
// committee and period (kept in the URL), each chart with its table and the API's CSV.
import { useLocation } from "preact-iso";
import { api, csvUrl, type Schemas, unwrapJson } from "../api/client";
import { problemMessage } from "../api/problems";
import { getDepartments, getNetwork, getRegions } from "../api/reference";
import { LiaisonFigures } from "../components/LiaisonFigures";
import { NetworkOnly } from "../components/NetworkOnly";
import { ParticipationFigures } from "../components/ParticipationFigures";
import { today } from "../lib/format";
import { useAsync, usePageTitle } from "../lib/hooks";
import { BODY_KIND_LABELS } from "../lib/labels";
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
          <ParticipationFigures figures={participation.data} csv={csv(PARTICIPATION, plain)} />
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
          <LiaisonFigures
            figures={liaison.data[0]}
            names={new Map(liaison.data[1].map((c) => [c.id, c.short_name ?? c.name]))}
            csv={csv(LIAISON, Object.fromEntries(Object.entries(where(filters))))}
          />
        )}
      </section>
    </>
  );
}
