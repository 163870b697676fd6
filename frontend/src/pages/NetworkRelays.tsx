// Who relayed what: published HCTS items (a page of them, by the API's cursors) against the
// committees, each cell the day and channel of a relay; and the relays of one committee.
import { useLocation } from "preact-iso";
import { api, type Schemas, unwrap } from "../api/client";
import { problemMessage } from "../api/problems";
import { getNetwork } from "../api/reference";
import { Choices } from "../components/Field";
import { NetworkOnly } from "../components/NetworkOnly";
import { Pager } from "../components/Pager";
import { formatDay, plural } from "../lib/format";
import { useAsync, usePageTitle } from "../lib/hooks";
import { PUBLICATION_KIND_LABELS, RELAY_CHANNEL_LABELS } from "../lib/labels";
import { pageUrl } from "../lib/urlState";

type Relay = Schemas["RelayPublic"];
type Publication = Schemas["PublicationPublic"];
const PATH = "/reseau/relais";
const COLUMNS = 4;
const UUID = /^[0-9a-f-]{36}$/;

async function allRelays(publication_id: string): Promise<Relay[]> {
  const relays: Relay[] = [];
  let cursor: string | undefined;
  do {
    const page = await unwrap(
      api.GET("/api/v1/hcts/publications/{publication_id}/relays", {
        params: { path: { publication_id }, query: { limit: 500, ...(cursor ? { cursor } : {}) } },
      }),
    );
    relays.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return relays;
}

async function loadGrid(cursor: string | undefined, only: string | undefined) {
  const page: { items: Publication[]; next_cursor?: string | null } = only
    ? {
        items: [
          await unwrap(
            api.GET("/api/v1/hcts/publications/{publication_id}", {
              params: { path: { publication_id: only } },
            }),
          ),
        ],
      }
    : await unwrap(
        api.GET("/api/v1/hcts/publications", {
          params: {
            query: { status: "published", limit: COLUMNS, ...(cursor ? { cursor } : {}) },
          },
        }),
      );
  const [relays, committees] = await Promise.all([
    Promise.all(page.items.map((publication) => allRelays(publication.id))),
    getNetwork(),
  ]);
  // Rows: the active committees, and any other that relayed one of these publications.
  const relayed = new Set(relays.flat().map((relay) => relay.committee_id));
  const rows = committees
    .filter((committee) => committee.status === "active" || relayed.has(committee.id))
    .sort((a, b) => (a.short_name ?? a.name).localeCompare(b.short_name ?? b.name, "fr"));
  const cells = new Map<string, Relay>();
  for (const relay of relays.flat())
    cells.set(`${relay.publication_id}/${relay.committee_id}`, relay);
  return { publications: page.items, next: page.next_cursor ?? null, rows, cells, committees };
}

export default function NetworkRelays() {
  usePageTitle("Relais des publications");
  return (
    <NetworkOnly title="Relais des publications">
      <Relays />
    </NetworkOnly>
  );
}

function Relays() {
  const { query, route } = useLocation();
  const cursor = query.page || undefined;
  const only = query.publication && UUID.test(query.publication) ? query.publication : undefined;
  const committee = query.comite && UUID.test(query.comite) ? query.comite : undefined;
  const grid = useAsync(() => loadGrid(cursor, only), [cursor, only]);

  return (
    <>
      <h1 tabIndex={-1}>Relais des publications</h1>
      <p class="lead">
        Quels comités ont relayé quelles publications du HCTS, quand et par quel canal.
      </p>
      <section aria-labelledby="titre-grille">
        <h2 id="titre-grille">Publications et comités</h2>
        {only && (
          <p>
            Une seule publication est affichée. <a href={PATH}>Voir toutes les publications</a>
          </p>
        )}
        {grid.state === "loading" && <p>Chargement des relais…</p>}
        {grid.state === "failed" && (
          <p class="alert" role="alert">
            {problemMessage(grid.error)} <a href={PATH}>Revenir à la première page</a>
          </p>
        )}
        {grid.state === "ready" && (
          <>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus to scroll by keyboard (WCAG 2.1.1). */}
            <section class="table-wrap" tabIndex={0} aria-label="Grille des relais, défilante">
              <table class="grid">
                <caption>
                  Relais des publications par comité (comités actifs, et ceux qui ont relayé l’une
                  de ces publications)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Comité</th>
                    {grid.data.publications.map((publication) => (
                      <th scope="col" key={publication.id}>
                        {publication.title}
                        <span class="grid__meta">
                          {PUBLICATION_KIND_LABELS[publication.kind]} du{" "}
                          {formatDay(publication.published_on)} ·{" "}
                          {plural(publication.relay_count, "relais", "relais")}
                        </span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {grid.data.rows.map((row) => (
                    <tr key={row.id}>
                      <th scope="row">
                        <a
                          href={`${pageUrl(PATH, { page: cursor, comite: row.id })}#titre-relais-comite`}
                        >
                          {row.short_name ?? row.name}
                        </a>
                      </th>
                      {grid.data.publications.map((publication) => {
                        const relay = grid.data.cells.get(`${publication.id}/${row.id}`);
                        return relay ? (
                          <td key={publication.id} class="grid__yes">
                            Relayée le {formatDay(relay.relayed_on)}
                            <span class="grid__meta">{RELAY_CHANNEL_LABELS[relay.channel]}</span>
                          </td>
                        ) : (
                          <td key={publication.id} class="grid__no">
                            <span aria-hidden="true">—</span>
                            <span class="sr-only">Pas relayée</span>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            {!only && (
              <Pager
                cursor={cursor}
                next={grid.data.next}
                href={(next) => pageUrl(PATH, { page: next })}
                label="Pages de publications"
              />
            )}
          </>
        )}
      </section>

      <section aria-labelledby="titre-relais-comite">
        <h2 id="titre-relais-comite">Les relais d’un comité</h2>
        <form
          class="filters"
          aria-label="Choisir un comité"
          key={committee}
          onSubmit={(event) => {
            event.preventDefault();
            const value = new FormData(event.currentTarget).get("comite");
            route(
              pageUrl(PATH, {
                page: cursor,
                comite: typeof value === "string" ? value : undefined,
              }),
            );
          }}
        >
          <div class="field">
            <label for="relais-comite">Comité</label>
            <select id="relais-comite" name="comite" defaultValue={committee ?? ""}>
              <Choices
                options={(grid.state === "ready" ? grid.data.committees : [])
                  .map((item) => [item.id, item.short_name ?? item.name] as const)
                  .sort((a, b) => a[1].localeCompare(b[1], "fr"))}
              />
            </select>
          </div>
          <div class="actions">
            <button class="button" type="submit">
              Afficher
            </button>
          </div>
        </form>
        {committee && <CommitteeRelays committee={committee} cursor={query.suite || undefined} />}
      </section>
    </>
  );
}

function CommitteeRelays(props: { committee: string; cursor: string | undefined }) {
  const relays = useAsync(
    () =>
      unwrap(
        api.GET("/api/v1/committees/{committee_id}/relays", {
          params: {
            path: { committee_id: props.committee },
            query: { limit: 20, ...(props.cursor ? { cursor: props.cursor } : {}) },
          },
        }),
      ),
    [props.committee, props.cursor],
  );
  if (relays.state === "loading") return <p>Chargement des relais du comité…</p>;
  if (relays.state === "failed") {
    return (
      <p class="alert" role="alert">
        {problemMessage(relays.error)}
      </p>
    );
  }
  const { items, next_cursor } = relays.data;
  if (items.length === 0) return <p>Ce comité n’a relayé aucune publication.</p>;
  const name = items[0]?.committee_short_name ?? items[0]?.committee_name ?? "";
  return (
    <>
      <div class="table-wrap">
        <table>
          <caption>Publications relayées par le comité {name}</caption>
          <thead>
            <tr>
              <th scope="col">Publication</th>
              <th scope="col">Relayée le</th>
              <th scope="col">Canal</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {items.map((relay) => (
              <tr key={relay.id}>
                <th scope="row">{relay.publication_title}</th>
                <td>{formatDay(relay.relayed_on)}</td>
                <td>{RELAY_CHANNEL_LABELS[relay.channel]}</td>
                <td>{relay.note ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager
        cursor={props.cursor}
        next={next_cursor}
        href={(next) => pageUrl(PATH, { comite: props.committee, suite: next })}
        label="Pages des relais du comité"
      />
    </>
  );
}
