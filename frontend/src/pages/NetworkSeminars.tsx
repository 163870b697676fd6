// The network's seminars (twice a year, one in person, one remote): the list by the API's
// cursors, and a form to announce the next one.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api, type Schemas, unwrap } from "../api/client";
import { problemMessage } from "../api/problems";
import { Choices, Field, FormMessages } from "../components/Field";
import { NetworkOnly } from "../components/NetworkOnly";
import { Pager } from "../components/Pager";
import { formatDay, formatTime } from "../lib/format";
import { type Errors, useForm } from "../lib/forms";
import { useAsync, usePageTitle } from "../lib/hooks";
import { SEMINAR_MODE_LABELS } from "../lib/labels";
import { pageUrl } from "../lib/urlState";

type Mode = Schemas["SeminarMode"];
const PATH = "/reseau/seminaires";

export default function NetworkSeminars() {
  usePageTitle("Séminaires du réseau");
  return (
    <NetworkOnly title="Séminaires du réseau">
      <Seminars />
    </NetworkOnly>
  );
}

function Seminars() {
  const { query } = useLocation();
  const upcoming = query.a_venir === "oui";
  const cursor = query.page || undefined;
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState("");
  const list = useAsync(
    () =>
      unwrap(
        api.GET("/api/v1/seminars", {
          params: {
            query: { limit: 10, ...(upcoming ? { upcoming } : {}), ...(cursor ? { cursor } : {}) },
          },
        }),
      ),
    [upcoming, cursor, version],
  );
  const href = (next?: string) =>
    pageUrl(PATH, { a_venir: upcoming ? "oui" : undefined, page: next });
  return (
    <>
      <h1 tabIndex={-1}>Séminaires du réseau</h1>
      <p class="lead">Les séminaires du réseau, leurs inscriptions par comité et les présences.</p>
      <p id="annonce-seminaires" class={done ? "notice" : undefined} role="status" tabIndex={-1}>
        {done}
      </p>
      <h2>Les séminaires</h2>
      <nav class="tabs" aria-label="Filtrer les séminaires">
        <ul>
          <li>
            <a href={PATH} aria-current={upcoming ? undefined : "page"}>
              Tous, du plus ancien au plus récent
            </a>
          </li>
          <li>
            <a href={`${PATH}?a_venir=oui`} aria-current={upcoming ? "page" : undefined}>
              À venir
            </a>
          </li>
        </ul>
      </nav>
      {list.state === "loading" && <p>Chargement des séminaires…</p>}
      {list.state === "failed" && (
        <p class="alert" role="alert">
          {problemMessage(list.error)} {cursor && <a href={href()}>Revenir à la première page</a>}
        </p>
      )}
      {list.state === "ready" &&
        (list.data.items.length === 0 ? (
          <p>Aucun séminaire.</p>
        ) : (
          <>
            <div class="table-wrap">
              <table>
                <caption>Séminaires du réseau{upcoming ? " à venir" : ""}</caption>
                <thead>
                  <tr>
                    <th scope="col">Séminaire</th>
                    <th scope="col">Date</th>
                    <th scope="col">Format</th>
                    <th scope="col">Lieu</th>
                    <th scope="col">Inscriptions jusqu’au</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((seminar) => (
                    <tr key={seminar.id}>
                      <th scope="row">
                        <a href={`${PATH}/${seminar.id}`}>{seminar.title}</a>
                      </th>
                      <td>
                        {formatDay(seminar.starts_at.slice(0, 10))}, {formatTime(seminar.starts_at)}
                      </td>
                      <td>{SEMINAR_MODE_LABELS[seminar.mode]}</td>
                      <td>{seminar.place ?? "—"}</td>
                      <td>
                        {seminar.registration_deadline
                          ? formatDay(seminar.registration_deadline)
                          : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager cursor={cursor} next={list.data.next_cursor} href={href} />
          </>
        ))}
      <SeminarForm
        onSaved={(message) => {
          setDone(message);
          setVersion((v) => v + 1);
          requestAnimationFrame(() => document.getElementById("annonce-seminaires")?.focus());
        }}
      />
    </>
  );
}

type F = "title" | "day" | "start" | "end" | "mode" | "place" | "deadline" | "description";

const INVALID: Record<F, string> = {
  title: "Saisissez l’intitulé (300 caractères au plus).",
  day: "Saisissez une date valide.",
  start: "Saisissez une heure de début valide.",
  end: "L’heure de fin doit venir après celle du début.",
  mode: "Choisissez le format.",
  place: "Le lieu fait 300 caractères au plus.",
  deadline: "La date limite d’inscription doit précéder le séminaire.",
  description: "La présentation fait 20 000 caractères au plus.",
};

/** A day and a time typed in the browser's time zone, as the API's UTC instant. */
function instant(day: string, time: string): string {
  return new Date(`${day}T${time}:00`).toISOString();
}

function SeminarForm(props: { onSaved: (message: string) => void }) {
  const form = useForm<F>("seminaire", {
    title: "",
    day: "",
    start: "09:30",
    end: "16:30",
    mode: "",
    place: "",
    deadline: "",
    description: "",
  });
  const { errors } = form;

  const submit = form.submitter({
    invalid: INVALID,
    place: {
      codes: { invalid_period: "end" },
      fields: { starts_at: "day", ends_at: "end", registration_deadline: "deadline" },
    },
    check: (values) => {
      const missing: Errors<F> = {};
      if (!values.title.trim()) missing.title = "Saisissez l’intitulé du séminaire.";
      if (!values.day) missing.day = "Saisissez la date du séminaire.";
      if (!values.start) missing.start = INVALID.start;
      if (values.end && values.start && values.end <= values.start) missing.end = INVALID.end;
      if (!values.mode) missing.mode = INVALID.mode;
      if (values.deadline && values.day && values.deadline > values.day) {
        missing.deadline = INVALID.deadline;
      }
      return missing;
    },
    send: async (values) => {
      const seminar = await unwrap(
        api.POST("/api/v1/seminars", {
          body: {
            title: values.title.trim(),
            starts_at: instant(values.day, values.start),
            ends_at: values.end ? instant(values.day, values.end) : null,
            mode: values.mode as Mode,
            place: values.place.trim() || null,
            registration_deadline: values.deadline || null,
            description: values.description.trim() || null,
          },
        }),
      );
      props.onSaved(
        `Séminaire « ${seminar.title} » annoncé pour le ${formatDay(seminar.starts_at.slice(0, 10))}.`,
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
      aria-labelledby="titre-nouveau-seminaire"
    >
      <h2 id="titre-nouveau-seminaire">Annoncer un séminaire</h2>
      <p class="muted">
        Les comités le voient dans leur boîte de réception et y inscrivent leurs membres.
      </p>
      <FormMessages failure={form.failure} restored={form.restored} />
      <Field id="seminaire-title" label="Intitulé" error={errors.title}>
        <input type="text" {...input("title")} />
      </Field>
      <Field id="seminaire-day" label="Date" error={errors.day}>
        <input type="date" {...input("day")} />
      </Field>
      <div class="field-row">
        <Field id="seminaire-start" label="Début" error={errors.start}>
          <input type="time" {...input("start")} />
        </Field>
        <Field id="seminaire-end" label="Fin (facultative)" error={errors.end}>
          <input type="time" {...input("end")} />
        </Field>
      </div>
      <Field id="seminaire-mode" label="Format" error={errors.mode}>
        <select {...input("mode")}>
          <Choices options={Object.entries(SEMINAR_MODE_LABELS)} />
        </select>
      </Field>
      <Field id="seminaire-place" label="Lieu (facultatif)" error={errors.place}>
        <input type="text" {...input("place")} />
      </Field>
      <Field
        id="seminaire-deadline"
        label="Inscriptions jusqu’au (facultatif)"
        error={errors.deadline}
      >
        <input type="date" {...input("deadline")} />
      </Field>
      <Field
        id="seminaire-description"
        label="Présentation (facultative)"
        error={errors.description}
      >
        <textarea rows={4} {...input("description")} />
      </Field>
      <div class="actions">
        <button class="button" type="submit" disabled={form.busy}>
          Annoncer le séminaire
        </button>
      </div>
    </form>
  );
}
