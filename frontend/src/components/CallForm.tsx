// Publishing a call for candidates to an HCTS working group. The fields keep what was typed
// when the API refuses it (and across an expired session), each problem next to its field.
import { api, unwrap } from "../api/client";
import { formatDay, today } from "../lib/format";
import { type Errors, useForm } from "../lib/forms";
import { Field, FormMessages } from "./Field";

type F = "title" | "working_group" | "deadline" | "description";

const INVALID: Record<F, string> = {
  title: "Saisissez l’intitulé (300 caractères au plus).",
  working_group: "Saisissez le groupe de travail (300 caractères au plus).",
  deadline: "Saisissez une date limite valide, aujourd’hui ou plus tard.",
  description: "La présentation fait 10 000 caractères au plus.",
};

export function CallForm(props: { onPublished: (message: string) => void }) {
  const form = useForm<F>("appel", { title: "", working_group: "", deadline: "", description: "" });
  const { errors } = form;

  const submit = form.submitter({
    invalid: INVALID,
    check: (values) => {
      const missing: Errors<F> = {};
      if (!values.title.trim()) missing.title = "Saisissez l’intitulé de l’appel.";
      if (!values.working_group.trim()) missing.working_group = "Saisissez le groupe de travail.";
      if (!values.deadline) missing.deadline = "Saisissez la date limite.";
      else if (values.deadline < today()) missing.deadline = INVALID.deadline;
      return missing;
    },
    send: async (values) => {
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
      props.onPublished(
        `Appel « ${call.title} » publié, ouvert jusqu’au ${formatDay(call.deadline)}.`,
      );
    },
  });
  const { input } = form;

  return (
    <form
      ref={form.element}
      class="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="titre-appel"
    >
      <h2 id="titre-appel">Publier un appel à candidatures</h2>
      <p class="muted">
        Les comités le voient dans leur boîte de réception jusqu’à la date limite.
      </p>
      <FormMessages failure={form.failure} restored={form.restored} />
      <Field id="appel-title" label="Intitulé de l’appel" error={errors.title}>
        <input type="text" {...input("title")} />
      </Field>
      <Field
        id="appel-working_group"
        label="Groupe de travail du HCTS"
        error={errors.working_group}
      >
        <input type="text" {...input("working_group")} />
      </Field>
      <Field id="appel-deadline" label="Date limite de candidature" error={errors.deadline}>
        <input type="date" min={today()} {...input("deadline")} />
      </Field>
      <Field id="appel-description" label="Présentation (facultative)" error={errors.description}>
        <textarea rows={4} {...input("description")} />
      </Field>
      <div class="actions">
        <button class="button" type="submit" disabled={form.busy}>
          Publier l’appel
        </button>
      </div>
    </form>
  );
}
