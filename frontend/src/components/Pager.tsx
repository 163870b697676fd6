import type { ComponentChildren } from "preact";

/**
 * Pages of a list by the API's cursors: the cursor of the page shown lives in the URL, so the
 * back button returns to the page before; `href(cursor)` is the URL of another page.
 */
export function Pager(props: {
  cursor: string | undefined;
  next: string | null | undefined;
  href: (cursor?: string) => string;
  label?: string;
  children?: ComponentChildren;
}) {
  if (!props.cursor && !props.next && !props.children) return null;
  return (
    <nav class="pagination" aria-label={props.label ?? "Pages de résultats"}>
      {props.cursor && (
        <a class="button button--secondary" href={props.href()}>
          Première page
        </a>
      )}
      {props.next && (
        <a class="button" href={props.href(props.next)}>
          Page suivante
        </a>
      )}
      {props.children}
    </nav>
  );
}
