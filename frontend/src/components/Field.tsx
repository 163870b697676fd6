import type { ComponentChildren } from "preact";

/** A labelled control with its error under it (the control takes `described(id, error)`). */
export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class={props.error ? "field field--error" : "field"}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      {props.error && (
        <p id={`${props.id}-erreur`} class="field__error">
          {props.error}
        </p>
      )}
    </div>
  );
}

/** The form's own message: a refusal not tied to one field, or the draft brought back. */
export function FormMessages(props: { failure: string | null; restored: boolean }) {
  return (
    <>
      {props.failure && (
        <p class="alert" role="alert" tabIndex={-1}>
          {props.failure}
        </p>
      )}
      {props.restored && !props.failure && (
        <p class="notice" role="status">
          Ce que vous aviez saisi avant de vous reconnecter a été rétabli.
        </p>
      )}
    </>
  );
}

/** A select's options: an empty "Choisir…" first, then each value with its label. */
export function Choices(props: { options: readonly (readonly [string, string])[] }) {
  return (
    <>
      <option value="">Choisir…</option>
      {props.options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}
