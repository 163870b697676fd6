// Form state shared by the workspace's forms: what was typed (kept on failure, and as a draft
// across an expired session), problems from the API placed next to their field.
import { useMemo, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ApiError, type ProblemCode } from "../api/client";
import { problemMessage } from "../api/problems";
import { clearDraft, draftKey, readDraft, saveDraft } from "./drafts";
import { fieldsAtFault } from "./problems";

export type Errors<F extends string> = Partial<Record<F, string>>;

export interface FormState<F extends string> {
  values: Record<F, string>;
  set: (name: F, value: string) => void;
  /** True when the values came back from a draft (after logging in again). */
  restored: boolean;
  /** Keeps the values in the tab before a submit, in case the session has expired. */
  keep: () => void;
  /** The form went through: forget the draft and start again empty. */
  done: () => void;
  /** The form was refused: the draft is kept only if the session had expired (a 401). */
  failed: (error: unknown) => void;
}

export function useForm<F extends string>(
  form: string,
  initial: Record<F, string>,
  secret: readonly F[] = [],
): FormState<F> {
  const { path } = useLocation();
  const key = draftKey(path, form);
  const draft = useMemo(() => readDraft(key, initial), [key]);
  const [values, setValues] = useState<Record<F, string>>(draft ?? initial);
  const [restored, setRestored] = useState(draft !== null);
  return {
    values,
    restored,
    set: (name, value) => setValues((current) => ({ ...current, [name]: value })),
    keep: () => saveDraft(key, values, secret),
    done: () => {
      clearDraft(key);
      setRestored(false);
      setValues(initial);
    },
    failed: (error) => {
      if (!(error instanceof ApiError && error.status === 401)) clearDraft(key);
    },
  };
}

/**
 * Where an API refusal shows: each field at fault gets its own message (from a 422's pointers,
 * or from a problem code that names one field), anything else one message above the form.
 */
export function placeProblem<F extends string>(
  error: unknown,
  invalid: Record<F, string>,
  options: { codes?: Partial<Record<ProblemCode, F>>; fields?: Record<string, F> } = {},
): { errors: Errors<F>; failure: string | null } {
  const errors: Errors<F> = {};
  if (error instanceof ApiError) {
    for (const name of fieldsAtFault(error.problem?.errors)) {
      // The API's name for a field, or the form's when they differ.
      const field = options.fields?.[name] ?? (name in invalid ? (name as F) : undefined);
      if (field) errors[field] = invalid[field];
    }
    const field = error.code ? options.codes?.[error.code] : undefined;
    if (field) errors[field] = problemMessage(error);
  }
  return Object.keys(errors).length > 0
    ? { errors, failure: null }
    : { errors, failure: problemMessage(error) };
}

/** Focus the first field in error, or the form's message, once drawn. */
export function focusFirstError(form: HTMLFormElement | null): void {
  requestAnimationFrame(() =>
    form?.querySelector<HTMLElement>("[aria-invalid=true], .alert")?.focus(),
  );
}

/** The attributes tying a control to its error message. */
export function described(id: string, error: string | undefined) {
  return {
    id,
    "aria-invalid": error ? ("true" as const) : undefined,
    "aria-describedby": error ? `${id}-erreur` : undefined,
  };
}
