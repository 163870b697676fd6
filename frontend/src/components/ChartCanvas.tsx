import { useEffect, useRef } from "preact/hooks";
import type { Series } from "../lib/charts";

/** A chart drawn once Chart.js has loaded; the data table next to it carries the same numbers. */
export function ChartCanvas(props: {
  kind: "line" | "bar";
  labels: string[];
  series: Series[];
  description: string;
  horizontal?: boolean;
  tall?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy: () => void } | undefined;
    let live = true;
    import("../lib/charts").then(({ drawChart }) => {
      if (!live || !canvas.current) return;
      chart = drawChart(canvas.current, props.kind, props.labels, props.series, {
        horizontal: props.horizontal ?? false,
      });
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [props.kind, props.labels, props.series, props.horizontal]);
  return (
    <div class={props.tall ? "chart chart--tall" : "chart"}>
      <canvas ref={canvas} role="img" aria-label={props.description}>
        {props.description}
      </canvas>
    </div>
  );
}
