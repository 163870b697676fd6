// Publishing a call for candidates to an HCTS working group. The fields keep what was typed
// when the API refuses it, and each problem shows next to its field.
import { useRef, useState } from "preact/hooks";
import { ApiError, api, unwrap } from "../api/client";
import { problemMessage } from "../api/problems";
import { formatDay, today } from "../lib/format";
import { fieldsAtFault } from "../lib/problems";

type Field = "title" | "working_group" | "deadline" | "description";

const LABELS: Record<Field, string> = {
  title: "Intitulé de l’appel",
  working_group: "Groupe de travail du HCTS",
  deadline: "Date limite de candidature",
  description: "Présentation",
};

const INVALID: Record<Field, string> = {
  title: "Saisissez l’intitulé (300 caractères au plus).",
  working_group: "Saisissez le groupe de travail (300 caractères au plus).",
  deadline: "Saisissez une date limite valide, aujourd’hui ou plus tard.",
  description: "La présentation fait 10 000 caractères au plus.",
};

export function CallForm(props: { onPublished: (message: string) => void }) {
  const [values, setValues] = useState<Record<Field, string>>({
    title: "",
    working_group: "",
    deadline: "",
    description: "",
  });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const focusFirstError = () =>
    requestAnimationFrame(() =>
      form.current?.querySelector<HTMLElement>("[aria-invalid=true], .alert")?.focus(),
    );

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing: Partial<Record<Field, string>> = {};
    if (!values.title.trim()) missing.title = "Saisissez l’intitulé de l’appel.";
    if (!values.working_group.trim()) missing.working_group = "Saisissez le groupe de travail.";
    if (!values.deadline) missing.deadline = "Saisissez la date limite.";
    else if (values.deadline < today()) missing.deadline = INVALID.deadline;
    setErrors(missing);
    setFailure(null);
    if (Object.keys(missing).length > 0) {
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      const call = await unwrap(
        api.POST("/api/v1/hcts/calls", {
          body: {
            title: values.title.trim(),
            working_group: values.working_group.trim(),
            deadline: values.deadline,
            description: values.description.trim() || null,
          },
        }),
      );
      setValues({ title: "", working_group: "", deadline: "", description: "" });
      props.onPublished(
        `Appel « ${call.title} » publié, ouvert jusqu’au ${formatDay(call.deadline)}.`,
      );
    } catch (error) {
      const fields = error instanceof ApiError ? fieldsAtFault(error.problem?.errors) : new Set();
      const byField: Partial<Record<Field, string>> = {};
      for (const field of Object.keys(LABELS) as Field[]) {
        if (fields.has(field)) byField[field] = INVALID[field];
      }
      setErrors(byField);
      if (Object.keys(byField).length === 0) setFailure(problemMessage(error));
      focusFirstError();
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Field, input: "text" | "date" | "textarea") => {
    const id = `appel-${name}`;
    const error = errors[name];
    const common = {
      id,
      name,
      value: values[name],
      onInput: (event: Event) =>
        setValues({ ...values, [name]: (event.currentTarget as HTMLInputElement).value }),
      "aria-invalid": error ? ("true" as const) : undefined,
      "aria-describedby": error ? `${id}-erreur` : undefined,
    };
    return (
      <div class={error ? "field field--error" : "field"}>
        <label for={id}>
          {LABELS[name]}
          {name === "description" ? " (facultative)" : ""}
        </label>
        {input === "textarea" ? (
          <textarea rows={4} {...common} />
        ) : (
          <input type={input} {...common} {...(input === "date" ? { min: today() } : {})} />
        )}
        {error && (
          <p id={`${id}-erreur`} class="field__error">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <form ref={form} class="form" onSubmit={submit} noValidate aria-labelledby="titre-appel">
      <h2 id="titre-appel">Publier un appel à candidatures</h2>
      <p class="muted">
        Les comités le voient dans leur boîte de réception jusqu’à la date limite.
      </p>
      {failure && (
        <p class="alert" role="alert" tabIndex={-1}>
          {failure}
        </p>
      )}
      {field("title", "text")}
      {field("working_group", "text")}
      {field("deadline", "date")}
      {field("description", "textarea")}
      <div class="actions">
        <button class="button" type="submit" disabled={busy}>
          Publier l’appel
        </button>
      </div>
    </form>
  );
}
