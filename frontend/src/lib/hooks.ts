import { useEffect, useState } from "preact/hooks";
import { session } from "../api/client";
import type { SessionState } from "../api/session";

export type Async<T> =
  | { state: "loading" }
  | { state: "ready"; data: T }
  | { state: "failed"; error: unknown };

/**
 * Runs `load` whenever `deps` change; an answer that arrives after a newer request is dropped.
 * With `keep`, what is shown stays until the new answer replaces it (a reload after a change).
 */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[], keep = false): Async<T> {
  const [result, setResult] = useState<Async<T>>({ state: "loading" });
  useEffect(() => {
    let current = true;
    if (!keep) setResult({ state: "loading" });
    load().then(
      (data) => current && setResult({ state: "ready", data }),
      (error: unknown) => current && setResult({ state: "failed", error }),
    );
    return () => {
      current = false;
    };
  }, deps);
  return result;
}

const SITE = "Réseau des comités locaux du travail social";
let firstTitle = true;

/**
 * Sets the document title for a page and announces it, as a screen reader would announce a new
 * page on a full load; focus moves to the page's h1 so keyboard users start from the content.
 */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — ${SITE}`;
    if (firstTitle) {
      firstTitle = false;
      return;
    }
    const announcer = document.getElementById("annonce-page");
    if (announcer) announcer.textContent = `${title} — page chargée`;
    const heading = document.querySelector<HTMLElement>("main h1");
    heading?.focus({ preventScroll: false });
  }, [title]);
}

/** The session's state, re-rendering when it changes (login, logout, expiry). */
export function useSession(): SessionState {
  const [state, setState] = useState(session.state);
  useEffect(() => session.subscribe(() => setState(session.state)), []);
  return state;
}
