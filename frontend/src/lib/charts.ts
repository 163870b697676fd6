// Chart.js, tree-shaken: only the pieces the figures use are registered. Imported dynamically by
// the pages with figures, so no other page downloads it.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

Chart.defaults.font.size = 14;
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export interface Series {
  label: string;
  values: (number | null)[];
  /** A CSS custom property of tokens.css, so charts follow the theme. */
  colour: string;
}

function token(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#000";
}

const numberFormat = new Intl.NumberFormat("fr-FR");

export function drawChart(
  canvas: HTMLCanvasElement,
  kind: "line" | "bar",
  labels: string[],
  series: Series[],
  options: { horizontal?: boolean; stepSize?: number } = {},
): Chart {
  const text = token("--color-text");
  const grid = token("--chart-grid");
  const valueAxis = options.horizontal ? "x" : "y";
  const categoryAxis = options.horizontal ? "y" : "x";
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  return new Chart(canvas, {
    type: kind,
    data: {
      labels,
      datasets: series.map((s) => ({
        label: s.label,
        data: s.values,
        borderColor: token(s.colour),
        backgroundColor: token(s.colour),
        borderWidth: 2,
        pointRadius: 0,
        pointHitRadius: 6,
        stepped: kind === "line" ? ("before" as const) : false,
      })),
    },
    options: {
      animation: reduceMotion ? false : { duration: 300 },
      maintainAspectRatio: false,
      indexAxis: options.horizontal ? "y" : "x",
      locale: "fr-FR",
      color: text,
      interaction: { mode: "index", intersect: false },
      scales: {
        // The value axis counts committees: whole numbers, French digits; the other names things.
        [valueAxis]: {
          beginAtZero: true,
          ticks: {
            color: text,
            precision: 0,
            callback: (value: number | string) =>
              typeof value === "number" ? numberFormat.format(value) : value,
          },
          grid: { color: grid },
        },
        [categoryAxis]: {
          ticks: { color: text, autoSkip: true, maxRotation: 0 },
          grid: { color: grid },
        },
      },
      plugins: {
        legend: { display: series.length > 1, labels: { color: text } },
      },
    },
  });
}
