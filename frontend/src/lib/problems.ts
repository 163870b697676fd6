// Which form field a 422's errors point at, from their JSON Pointer (`/title`) or `loc`.
import type { Schemas } from "../api/client";

type FieldError = Schemas["FieldError"];

/** The body fields at fault, each once, by their top-level name. */
export function fieldsAtFault(errors: readonly FieldError[] | null | undefined): Set<string> {
  const fields = new Set<string>();
  for (const error of errors ?? []) {
    const fromPointer = error.pointer?.split("/")[1];
    const fromLoc = error.loc[0] === "body" ? error.loc[1] : undefined;
    const field = fromPointer || (fromLoc === undefined ? undefined : String(fromLoc));
    if (field) fields.add(field);
  }
  return fields;
}
