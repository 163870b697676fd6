import { useMemo } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api, csvUrl, type Schemas, unwrapJson } from "../api/client";
import { problemMessage } from "../api/problems";
import { getRegions } from "../api/reference";
import { FigureBlock } from "../components/FigureBlock";
import {
  formatDay,
  formatMonth,
  formatNumber,
  formatShortMonth,
  plural,
  today,
} from "../lib/format";
import { useAsync, usePageTitle } from "../lib/hooks";
import { type CommitteeStatus, SCALE_LABELS, SCALES, STATUS_LABELS, STATUSES } from "../lib/labels";
import { readDay } from "../lib/urlState";

type Figures = Schemas["NetworkFigures"];

// The network's first committees date from 2019: the timeline starts then, month by month.
const TIMELINE_FROM = "2019-01-01";
const TIMELINE_PATH = "/api/v1/stats/network/timeline";
const NETWORK_PATH = "/api/v1/stats/network";

const STATUS_COLOURS: Record<CommitteeStatus, string> = {
  active: "--status-active",
  construction: "--status-construction",
  reflection: "--status-reflection",
  dormant: "--status-dormant",
  closed: "--status-closed",
};

export default function FiguresPage() {
  usePageTitle("Chiffres du réseau");
  const { query, route } = useLocation();
  const to = today();
  const asOf = readDay(query.date) ?? to;

  const timeline = useAsync(
    () =>
      unwrapJson(
        api.GET(TIMELINE_PATH, {
          params: { query: { from: TIMELINE_FROM, to, step: "month" } },
        }),
      ),
    [to],
  );
  const network = useAsync(
    () =>
      Promise.all([
        unwrapJson(api.GET(NETWORK_PATH, { params: { query: { as_of: asOf } } })),
        getRegions(),
      ]),
    [asOf],
  );

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget as HTMLFormElement).get("date");
    const day = typeof value === "string" ? readDay(value) : undefined;
    route(day && day !== to ? `/chiffres?date=${day}` : "/chiffres");
  };

  return (
    <>
      <h1 tabIndex={-1}>Chiffres du réseau</h1>
      <p class="lead">
        Les comités régionaux, départementaux et interdépartementaux du réseau, d’après l’historique
        de leurs états. Les comités locaux (bassins de vie) travaillent au sein de leur comité
        départemental et ne sont pas comptés.
      </p>

      <section aria-labelledby="titre-evolution">
        <h2 id="titre-evolution">Comités par état, mois par mois</h2>
        {timeline.state === "loading" && <p>Chargement de l’évolution…</p>}
        {timeline.state === "failed" && (
          <p class="alert" role="alert">
            {problemMessage(timeline.error)}
          </p>
        )}
        {timeline.state === "ready" && (
          <Timeline
            items={timeline.data.items}
            csv={csvUrl(TIMELINE_PATH, { from: TIMELINE_FROM, to, step: "month" })}
          />
        )}
      </section>

      <section aria-labelledby="titre-date">
        <h2 id="titre-date">Le réseau à une date</h2>
        <form class="filters" onSubmit={onSubmit} key={asOf} aria-label="Choisir la date">
          <div class="field">
            <label for="date-chiffres">Date</label>
            <input
              id="date-chiffres"
              name="date"
              type="date"
              min="2000-01-01"
              max={to}
              defaultValue={asOf}
            />
          </div>
          <div class="actions">
            <button class="button" type="submit">
              Afficher
            </button>
          </div>
        </form>
        {network.state === "loading" && <p>Chargement des chiffres…</p>}
        {network.state === "failed" && (
          <p class="alert" role="alert">
            {problemMessage(network.error)}
          </p>
        )}
        {network.state === "ready" && (
          <Snapshot
            figures={network.data[0]}
            regions={network.data[1]}
            csv={csvUrl(NETWORK_PATH, { as_of: asOf })}
          />
        )}
      </section>
    </>
  );
}

function Timeline({ items, csv }: { items: Figures[]; csv: string }) {
  const labels = useMemo(() => items.map((item) => formatShortMonth(item.as_of)), [items]);
  const series = useMemo(
    () =>
      STATUSES.filter((status) => items.some((item) => item.committees.by_status[status] > 0)).map(
        (status) => ({
          label: STATUS_LABELS[status],
          values: items.map((item) => item.committees.by_status[status]),
          colour: STATUS_COLOURS[status],
        }),
      ),
    [items],
  );
  const first = items[0];
  const last = items[items.length - 1];
  const description =
    first && last
      ? `Courbes du nombre de comités par état, de ${formatMonth(first.as_of)} à ${formatMonth(last.as_of)} : ${plural(last.committees.by_status.active, "comité actif", "comités actifs")} au ${formatDay(last.as_of)}. Les valeurs sont dans le tableau qui suit.`
      : "Aucune donnée.";
  return (
    <FigureBlock
      kind="line"
      labels={labels}
      series={series}
      description={description}
      caption="Nombre de comités dans chaque état le premier jour de chaque mois."
      csv={{ href: csv, label: "Télécharger les données (CSV)" }}
      table={{
        summary: "Tableau des données : comités par état et par mois",
        caption: "Comités par état, le premier jour de chaque mois",
        head: ["Mois", ...STATUSES.map((status) => STATUS_LABELS[status]), "Total"],
        rows: items.map((item) => ({
          label: formatMonth(item.as_of),
          cells: [
            ...STATUSES.map((status) => formatNumber(item.committees.by_status[status])),
            formatNumber(item.committees.total),
          ],
        })),
        scroll: true,
      }}
    />
  );
}

function Snapshot(props: { figures: Figures; regions: Schemas["RegionPublic"][]; csv: string }) {
  const { committees, departments_covered, as_of } = props.figures;
  const scaleLabels = useMemo(() => SCALES.map((scale) => SCALE_LABELS[scale]), []);
  const scaleSeries = useMemo(
    () => [
      {
        label: "Comités actifs",
        values: SCALES.map((scale) => committees.active_by_scale[scale]),
        colour: "--status-active",
      },
    ],
    [committees],
  );
  const regionRows = props.regions.map((region) => ({
    name: region.name,
    count: committees.active_by_region[region.code] ?? 0,
  }));
  const regionLabels = useMemo(() => regionRows.map((row) => row.name), [props.regions]);
  const regionSeries = useMemo(
    () => [
      {
        label: "Comités actifs",
        values: regionRows.map((row) => row.count),
        colour: "--status-active",
      },
    ],
    [committees, props.regions],
  );
  const day = formatDay(as_of);
  return (
    <>
      <ul class="key-figures" aria-label={`Chiffres clés au ${day}`}>
        <li>
          <strong>{formatNumber(committees.by_status.active)}</strong>
          {committees.by_status.active > 1 ? "comités actifs" : "comité actif"}
        </li>
        <li>
          <strong>{formatNumber(committees.total)}</strong>
          {committees.total > 1 ? "comités en tout" : "comité en tout"}
        </li>
        <li>
          <strong>{formatNumber(departments_covered)}</strong>
          {departments_covered > 1 ? "départements couverts" : "département couvert"}
        </li>
      </ul>

      <FigureBlock
        title={`Comités actifs par échelle au ${day}`}
        kind="bar"
        labels={scaleLabels}
        series={scaleSeries}
        description={`Histogramme des comités actifs par échelle au ${day}. Les valeurs sont dans le tableau qui suit.`}
        csv={{ href: props.csv, label: `Télécharger les chiffres du ${day} (CSV)` }}
        table={{
          summary: "Tableau des données : comités actifs par échelle",
          caption: `Comités actifs par échelle au ${day}`,
          head: ["Échelle", "Comités actifs"],
          rows: SCALES.map((scale) => ({
            label: SCALE_LABELS[scale],
            cells: [formatNumber(committees.active_by_scale[scale])],
          })),
        }}
      />

      <FigureBlock
        title={`Comités actifs par région au ${day}`}
        kind="bar"
        horizontal
        tall
        labels={regionLabels}
        series={regionSeries}
        description={`Histogramme des comités actifs par région au ${day}. Les valeurs sont dans le tableau qui suit.`}
        csv={{ href: props.csv, label: `Télécharger les chiffres du ${day} (CSV)` }}
        table={{
          summary: "Tableau des données : comités actifs par région",
          caption: `Comités actifs par région au ${day}`,
          head: ["Région", "Comités actifs"],
          rows: regionRows.map((row) => ({ label: row.name, cells: [formatNumber(row.count)] })),
        }}
      />
    </>
  );
}
