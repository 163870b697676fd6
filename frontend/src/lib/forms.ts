// Form state shared by the workspace's forms: what was typed (kept on failure, and as a draft
// across an expired session), problems from the API placed next to their field.
import type { RefObject } from "preact";
import { useMemo, useRef, useState } from "preact/hooks";
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
  errors: Errors<F>;
  /** The refusal no field owns, shown above the form. */
  failure: string | null;
  busy: boolean;
  element: RefObject<HTMLFormElement>;
  /** A control's value, its change, and the attributes tying it to its error. */
  input: (name: F) => {
    id: string;
    name: F;
    value: string;
    onInput: (event: Event) => void;
    "aria-invalid": "true" | undefined;
    "aria-describedby": string | undefined;
  };
  /**
   * The form's submit handler: `check` the values (each field's message), else keep them as a
   * draft, `send` them and start again empty; a refusal is placed by `placeProblem` and the
   * draft is kept only if the session had expired (a 401).
   */
  submitter: (submit: {
    check: (values: Record<F, string>) => Errors<F>;
    send: (values: Record<F, string>) => Promise<unknown>;
    invalid: Record<F, string>;
    place?: Placement<F>;
  }) => (event: Event) => Promise<void>;
}

type Placement<F extends string> = {
  codes?: Partial<Record<ProblemCode, F>>;
  fields?: Record<string, F>;
};

/** `form` names the form: its draft's key and its controls' ids (`form-field`). */
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
  const [errors, setErrors] = useState<Errors<F>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const element = useRef<HTMLFormElement>(null);
  const set = (name: F, value: string) => setValues((current) => ({ ...current, [name]: value }));
  return {
    values,
    set,
    restored,
    errors,
    failure,
    busy,
    element,
    input: (name) => ({
      ...described(`${form}-${name}`, errors[name]),
      name,
      value: values[name],
      onInput: (event: Event) => set(name, (event.currentTarget as HTMLInputElement).value),
    }),
    submitter:
      ({ check, send, invalid, place }) =>
      async (event) => {
        event.preventDefault();
        const missing = check(values);
        setErrors(missing);
        setFailure(null);
        if (Object.keys(missing).length > 0) return focusFirstError(element.current);
        setBusy(true);
        saveDraft(key, values, secret);
        try {
          await send(values);
          clearDraft(key);
          setRestored(false);
          setValues(initial);
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 401)) clearDraft(key);
          const placed = placeProblem(error, invalid, place);
          setErrors(placed.errors);
          setFailure(placed.failure);
          focusFirstError(element.current);
        } finally {
          setBusy(false);
        }
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
  options: Placement<F> = {},
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
