// A form's draft, kept in the tab while its submit is under way: when the session has expired in
// between, the person logs in again and comes back to the form as it was typed. Keyed by the
// page's path and the form; cleared once the form went through. Passwords are never kept.

const PREFIX = "ancrage.brouillon:";

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function store(): Store | null {
  return typeof sessionStorage === "undefined" ? null : sessionStorage;
}

export function draftKey(path: string, form: string): string {
  return `${PREFIX}${path}#${form}`;
}

/** The draft kept under `key`, field by field over `initial`; null when there is none. */
export function readDraft<T extends Record<string, string>>(
  key: string,
  initial: T,
  storage: Store | null = store(),
): T | null {
  const raw = storage?.getItem(key);
  if (!raw) return null;
  try {
    const saved: unknown = JSON.parse(raw);
    if (typeof saved !== "object" || saved === null) return null;
    const values = { ...initial };
    for (const name of Object.keys(initial) as (keyof T)[]) {
      const value = (saved as Record<string, unknown>)[name as string];
      if (typeof value === "string") values[name] = value as T[keyof T];
    }
    return values;
  } catch {
    return null;
  }
}

export function saveDraft(
  key: string,
  values: Record<string, string>,
  secret: readonly string[] = [],
  storage: Store | null = store(),
): void {
  const kept = Object.fromEntries(
    Object.entries(values).filter(([name]) => !secret.includes(name)),
  );
  storage?.setItem(key, JSON.stringify(kept));
}

export function clearDraft(key: string, storage: Store | null = store()): void {
  storage?.removeItem(key);
}
