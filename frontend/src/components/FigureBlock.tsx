// One figure: its chart, the same numbers in a table under it, and the API's CSV. Every chart of
// the SPA is one of these, so each can be read without seeing it.
import type { ComponentChildren } from "preact";
import type { Series } from "../lib/charts";
import { ChartCanvas } from "./ChartCanvas";

export interface FigureTable {
  /** The disclosure's summary: « Tableau des données : … ». */
  summary: string;
  caption: string;
  /** Column headings, the row headings' column first. */
  head: string[];
  rows: { label: string; cells: string[] }[];
  /** Many rows: the table scrolls in its own box. */
  scroll?: boolean;
}

export function FigureBlock(props: {
  title?: string;
  kind: "line" | "bar";
  labels: string[];
  series: Series[];
  description: string;
  horizontal?: boolean;
  tall?: boolean;
  caption?: ComponentChildren;
  csv?: { href: string; label: string };
  table: FigureTable;
}) {
  const { table } = props;
  const body = (
    <table>
      <caption>{table.caption}</caption>
      <thead>
        <tr>
          {table.head.map((heading, index) => (
            <th scope="col" class={index > 0 ? "num" : undefined} key={heading}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            {row.cells.map((cell, index) => (
              <td class="num" key={index}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <figure class="figure">
      {props.title && <h3>{props.title}</h3>}
      <ChartCanvas
        kind={props.kind}
        labels={props.labels}
        series={props.series}
        description={props.description}
        {...(props.horizontal ? { horizontal: true } : {})}
        {...(props.tall ? { tall: true } : {})}
      />
      {(props.caption || props.csv) && (
        <figcaption>
          {props.caption}
          {props.caption && props.csv ? " " : ""}
          {props.csv && (
            <a href={props.csv.href} download>
              {props.csv.label}
            </a>
          )}
        </figcaption>
      )}
      <details>
        <summary>{table.summary}</summary>
        {table.scroll ? (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus to scroll by keyboard (WCAG 2.1.1).
          <section class="table-wrap table-scroll" tabIndex={0} aria-label="Tableau défilant">
            {body}
          </section>
        ) : (
          <div class="table-wrap">{body}</div>
        )}
      </details>
    </figure>
  );
}
