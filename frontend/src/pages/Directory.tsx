import { useLocation } from "preact-iso";
import { api, csvUrl, unwrapJson } from "../api/client";
import { problemMessage } from "../api/problems";
import { getDepartments, getNetwork, getRegions, names } from "../api/reference";
import { CommitteeCard } from "../components/CommitteeCard";
import { describe, FranceMap } from "../components/FranceMap";
import { Pager } from "../components/Pager";
import { type Committee, coverage } from "../lib/coverage";
import { plural } from "../lib/format";
import { useAsync, usePageTitle } from "../lib/hooks";
import { SCALE_LABELS, SCALES, STATUS_LABELS, STATUSES } from "../lib/labels";
import { FILTER_PARAMS, filtersFromForm, filtersUrl, readFilters } from "../lib/urlState";

const PAGE_SIZE = 24;

export default function Directory() {
  const { query, route } = useLocation();
  const filters = readFilters(query);
  const key = filtersUrl(filters);
  usePageTitle(filters.cursor ? "Annuaire des comités (suite)" : "Annuaire des comités");

  const territories = useAsync(() => Promise.all([getRegions(), getDepartments()]), []);
  const network = useAsync(getNetwork, []);
  const page = useAsync(
    () =>
      unwrapJson(
        api.GET("/api/v1/committees", {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(filters.status ? { status: filters.status } : {}),
              ...(filters.scale ? { scale: filters.scale } : {}),
              ...(filters.region ? { region: filters.region } : {}),
              ...(filters.department ? { department: filters.department } : {}),
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.cursor ? { cursor: filters.cursor } : {}),
            },
          },
        }),
      ),
    [key],
  );

  const [regions, departments] = territories.state === "ready" ? territories.data : [[], []];
  const regionNames = names(regions);
  const departmentNames = names(departments);
  const map =
    network.state === "ready" && departments.length > 0
      ? coverage(network.data, departments)
      : null;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    route(filtersUrl(filtersFromForm(new FormData(event.currentTarget as HTMLFormElement))));
  };
  const { cursor: _cursor, ...withoutCursor } = filters;
  const filtered = Object.keys(withoutCursor).length > 0;

  return (
    <>
      <h1 tabIndex={-1}>Annuaire des comités</h1>
      <p class="lead">
        Les comités locaux du travail social et du développement social, leur territoire et leur
        état, à partir des données publiques du réseau.
      </p>
      <div class="directory">
        <section aria-labelledby="titre-filtres-liste">
          <h2 id="titre-filtres-liste" class="sr-only">
            Recherche et liste des comités
          </h2>
          {/* Uncontrolled fields (read on submit): a re-render as data arrives never resets what
              is being typed; the key gives a new form when the URL's filters change. */}
          <form class="filters" onSubmit={onSubmit} key={key} aria-label="Filtrer les comités">
            <div class="field">
              <label for="filtre-q">Nom du comité</label>
              <input
                id="filtre-q"
                name={FILTER_PARAMS.q}
                type="search"
                defaultValue={filters.q ?? ""}
              />
            </div>
            <div class="field">
              <label for="filtre-statut">État</label>
              <select id="filtre-statut" name={FILTER_PARAMS.status}>
                <option value="">Tous les états</option>
                {STATUSES.map((status) => (
                  <option key={status} value={status} selected={status === filters.status}>
                    {STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filtre-echelle">Échelle</label>
              <select id="filtre-echelle" name={FILTER_PARAMS.scale}>
                <option value="">Toutes les échelles</option>
                {SCALES.map((scale) => (
                  <option key={scale} value={scale} selected={scale === filters.scale}>
                    {SCALE_LABELS[scale]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filtre-region">Région</label>
              <select id="filtre-region" name={FILTER_PARAMS.region}>
                <option value="">Toutes les régions</option>
                {regions.map((region) => (
                  <option
                    key={region.code}
                    value={region.code}
                    selected={region.code === filters.region}
                  >
                    {region.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="filtre-departement">Département</label>
              <select id="filtre-departement" name={FILTER_PARAMS.department}>
                <option value="">Tous les départements</option>
                {departments.map((department) => (
                  <option
                    key={department.code}
                    value={department.code}
                    selected={department.code === filters.department}
                  >
                    {department.code} – {department.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="actions">
              <button class="button" type="submit">
                Filtrer
              </button>
              {filtered && (
                <a class="button button--secondary" href="/">
                  Effacer les filtres
                </a>
              )}
            </div>
          </form>

          <div aria-live="polite" aria-busy={page.state === "loading"}>
            {page.state === "loading" && <p>Chargement des comités…</p>}
            {page.state === "failed" && (
              <p class="alert" role="alert">
                {problemMessage(page.error)}{" "}
                {filters.cursor && (
                  <a href={filtersUrl(withoutCursor)}>Revenir à la première page</a>
                )}
              </p>
            )}
            {page.state === "ready" && (
              <Results
                items={page.data.items}
                next={page.data.next_cursor ?? null}
                filters={filters}
                regionNames={regionNames}
                departmentNames={departmentNames}
              />
            )}
          </div>
        </section>

        <section aria-labelledby="titre-carte" class="directory__map">
          <h2 id="titre-carte">Carte des comités par département</h2>
          <p>
            <a href="#tableau-carte" class="skip-map">
              Passer la carte et aller à son tableau
            </a>
          </p>
          {network.state === "failed" && (
            <p class="alert" role="alert">
              {problemMessage(network.error)}
            </p>
          )}
          {map ? (
            <FranceMap departments={departments} coverage={map} selected={filters.department} />
          ) : (
            network.state !== "failed" && <p class="muted">Chargement de la carte…</p>
          )}
        </section>
      </div>
      {map && (
        <details id="tableau-carte">
          <summary>La carte sous forme de tableau</summary>
          <MapTable
            rows={departments.map((d) => ({
              code: d.code,
              name: d.name,
              committees: map.get(d.code)?.committees ?? [],
              label: describe(d.name, d.code, map.get(d.code)),
              status: map.get(d.code)?.status ?? null,
            }))}
          />
        </details>
      )}
    </>
  );
}

function Results(props: {
  items: Committee[];
  next: string | null;
  filters: ReturnType<typeof readFilters>;
  regionNames: Map<string, string>;
  departmentNames: Map<string, string>;
}) {
  const { cursor, ...withoutCursor } = props.filters;
  const heading =
    props.items.length === 0
      ? "Aucun comité ne correspond à ces critères"
      : `${plural(props.items.length, "comité", "comités")}${cursor || props.next ? " sur cette page" : ""}`;
  return (
    <>
      <h3 class="results-heading">{heading}</h3>
      <ul class="cards">
        {props.items.map((committee) => (
          <li key={committee.id}>
            <CommitteeCard
              committee={committee}
              regionNames={props.regionNames}
              departmentNames={props.departmentNames}
            />
          </li>
        ))}
      </ul>
      <Pager
        cursor={cursor}
        next={props.next}
        href={(next) => filtersUrl(next ? { ...withoutCursor, cursor: next } : withoutCursor)}
      >
        <a
          class="button button--secondary"
          download
          href={csvUrl("/api/v1/committees", {
            status: withoutCursor.status,
            scale: withoutCursor.scale,
            region: withoutCursor.region,
            department: withoutCursor.department,
            q: withoutCursor.q,
            cursor,
            limit: "500",
          })}
        >
          Télécharger la liste (CSV)
        </a>
      </Pager>
    </>
  );
}

function MapTable(props: {
  rows: {
    code: string;
    name: string;
    committees: Committee[];
    status: keyof typeof STATUS_LABELS | null;
    label: string;
  }[];
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption>État des comités par département</caption>
        <thead>
          <tr>
            <th scope="col">Département</th>
            <th scope="col">État le plus avancé</th>
            <th scope="col">Comités qui le couvrent</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.code}>
              <th scope="row">
                <a href={filtersUrl({ department: row.code })}>
                  {row.code} – {row.name}
                </a>
              </th>
              <td>{row.status ? STATUS_LABELS[row.status] : "Aucun comité"}</td>
              <td>
                {row.committees.length === 0
                  ? "—"
                  : row.committees.map((committee, index) => (
                      <span key={committee.id}>
                        {index > 0 && ", "}
                        <a href={`/comites/${committee.id}`}>{committee.short_name}</a>
                      </span>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
