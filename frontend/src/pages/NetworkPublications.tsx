// HCTS publications: written as drafts, published to every committee's inbox, each with the
// number of committees that relayed it.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api, type Schemas, unwrap } from "../api/client";
import { problemMessage } from "../api/problems";
import { Choices, Field, FormMessages } from "../components/Field";
import { NetworkOnly } from "../components/NetworkOnly";
import { Pager } from "../components/Pager";
import { formatDay, plural, today } from "../lib/format";
import { type Errors, useForm } from "../lib/forms";
import { useAsync, usePageTitle } from "../lib/hooks";
import {
  PUBLICATION_KIND_LABELS,
  PUBLICATION_STATUS_LABELS,
  type PublicationKind,
} from "../lib/labels";
import { pageUrl } from "../lib/urlState";

type Publication = Schemas["PublicationPublic"];
type Status = Publication["status"];
const PATH = "/reseau/publications";
const PAGE_SIZE = 20;

export default function NetworkPublications() {
  usePageTitle("Publications du HCTS");
  return (
    <NetworkOnly title="Publications du HCTS">
      <Publications />
    </NetworkOnly>
  );
}

function Publications() {
  const { query } = useLocation();
  const status: Status | undefined =
    query.statut === "draft" || query.statut === "published" ? query.statut : undefined;
  const cursor = query.page || undefined;
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState("");
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const list = useAsync(
    () =>
      unwrap(
        api.GET("/api/v1/hcts/publications", {
          params: {
            query: {
              limit: PAGE_SIZE,
              ...(status ? { status } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [status, cursor, version],
  );
  const href = (next?: string) => pageUrl(PATH, { statut: status, page: next });
  const announce = (message: string) => {
    setDone(message);
    setVersion((v) => v + 1);
    requestAnimationFrame(() => document.getElementById("annonce-publications")?.focus());
  };

  const publish = async (item: Publication) => {
    setRowError(null);
    try {
      await unwrap(
        api.POST("/api/v1/hcts/publications/{publication_id}/publish", {
          params: { path: { publication_id: item.id } },
        }),
      );
      announce(`« ${item.title} » est publiée : les comités la voient dans leur boîte.`);
    } catch (error) {
      setRowError({ id: item.id, message: problemMessage(error) });
    }
  };

  return (
    <>
      <h1 tabIndex={-1}>Publications du HCTS</h1>
      <p class="lead">
        Rapports, avis, fiches repères et actualités du HCTS : enregistrés en brouillon, puis
        publiés dans la boîte de réception de chaque comité.
      </p>
      <p id="annonce-publications" class={done ? "notice" : undefined} role="status" tabIndex={-1}>
        {done}
      </p>
      <h2 id="titre-liste-publications">Les publications</h2>
      <nav class="tabs" aria-label="Filtrer les publications">
        <ul>
          {(
            [
              [undefined, "Toutes"],
              ["draft", "Brouillons"],
              ["published", "Publiées"],
            ] as const
          ).map(([value, label]) => (
            <li key={label}>
              <a
                href={pageUrl(PATH, { statut: value })}
                aria-current={status === value ? "page" : undefined}
              >
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {list.state === "loading" && <p>Chargement des publications…</p>}
      {list.state === "failed" && (
        <p class="alert" role="alert">
          {problemMessage(list.error)} {cursor && <a href={href()}>Revenir à la première page</a>}
        </p>
      )}
      {list.state === "ready" && (
        <>
          {list.data.items.length === 0 ? (
            <p>Aucune publication.</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption>
                  {status === "draft"
                    ? "Brouillons"
                    : status
                      ? "Publications publiées"
                      : "Publications"}
                  , des plus récentes aux plus anciennes
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Titre</th>
                    <th scope="col">Nature</th>
                    <th scope="col">Date</th>
                    <th scope="col">État</th>
                    <th scope="col" class="num">
                      Relais
                    </th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((item) => (
                    <tr key={item.id}>
                      <th scope="row">
                        {item.url ? <a href={item.url}>{item.title}</a> : item.title}
                      </th>
                      <td>{PUBLICATION_KIND_LABELS[item.kind]}</td>
                      <td>{formatDay(item.published_on)}</td>
                      <td>{PUBLICATION_STATUS_LABELS[item.status]}</td>
                      <td class="num">{plural(item.relay_count, "comité", "comités")}</td>
                      <td>
                        {item.status === "draft" ? (
                          <button
                            class="button button--secondary"
                            type="button"
                            aria-label={`Publier « ${item.title} »`}
                            aria-describedby={
                              rowError?.id === item.id ? `publier-${item.id}-erreur` : undefined
                            }
                            onClick={() => publish(item)}
                          >
                            Publier
                          </button>
                        ) : (
                          <a href={pageUrl("/reseau/relais", { publication: item.id })}>
                            Voir les relais
                          </a>
                        )}
                        {rowError?.id === item.id && (
                          <p id={`publier-${item.id}-erreur`} class="field__error" role="alert">
                            {rowError.message}
                          </p>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager cursor={cursor} next={list.data.next_cursor} href={href} />
        </>
      )}
      <PublicationForm
        onSaved={(message) => {
          announce(message);
        }}
      />
    </>
  );
}

type F = "kind" | "title" | "published_on" | "summary" | "url" | "themes" | "publish";

const INVALID: Record<F, string> = {
  kind: "Choisissez la nature de la publication.",
  title: "Saisissez le titre (300 caractères au plus).",
  published_on: "Saisissez une date valide.",
  summary: "Le résumé fait 10 000 caractères au plus.",
  url: "Saisissez une adresse qui commence par http:// ou https://.",
  themes: "20 thèmes au plus, de 80 caractères chacun.",
  publish: "",
};

function PublicationForm(props: { onSaved: (message: string) => void }) {
  const form = useForm<F>("publication", {
    kind: "",
    title: "",
    published_on: today(),
    summary: "",
    url: "",
    themes: "",
    publish: "",
  });
  const { errors, values } = form;

  const submit = form.submitter({
    invalid: INVALID,
    check: (values) => {
      const missing: Errors<F> = {};
      if (!values.kind) missing.kind = INVALID.kind;
      if (!values.title.trim()) missing.title = "Saisissez le titre de la publication.";
      if (!values.published_on) missing.published_on = "Saisissez la date de la publication.";
      if (values.url.trim() && !/^https?:\/\/\S+$/.test(values.url.trim()))
        missing.url = INVALID.url;
      return missing;
    },
    send: async (values) => {
      const created = await unwrap(
        api.POST("/api/v1/hcts/publications", {
          body: {
            kind: values.kind as PublicationKind,
            title: values.title.trim(),
            published_on: values.published_on,
            summary: values.summary.trim() || null,
            url: values.url.trim() || null,
            themes: values.themes
              .split(",")
              .map((theme) => theme.trim())
              .filter(Boolean),
          },
        }),
      );
      let message = `« ${created.title} » est enregistrée en brouillon.`;
      if (values.publish) {
        // Saved already: a refused publication leaves a draft, to publish from the list.
        message = await unwrap(
          api.POST("/api/v1/hcts/publications/{publication_id}/publish", {
            params: { path: { publication_id: created.id } },
          }),
        ).then(
          () => `« ${created.title} » est publiée : les comités la voient dans leur boîte.`,
          (error: unknown) => `${message} Elle n’a pas pu être publiée : ${problemMessage(error)}`,
        );
      }
      props.onSaved(message);
    },
  });
  const { input } = form;

  return (
    <form
      ref={form.element}
      class="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="titre-nouvelle-publication"
    >
      <h2 id="titre-nouvelle-publication">Nouvelle publication</h2>
      <FormMessages failure={form.failure} restored={form.restored} />
      <Field id="publication-kind" label="Nature" error={errors.kind}>
        <select {...input("kind")}>
          <Choices options={Object.entries(PUBLICATION_KIND_LABELS)} />
        </select>
      </Field>
      <Field id="publication-title" label="Titre" error={errors.title}>
        <input type="text" {...input("title")} />
      </Field>
      <Field id="publication-published_on" label="Date du document" error={errors.published_on}>
        <input type="date" {...input("published_on")} />
      </Field>
      <Field id="publication-summary" label="Résumé (facultatif)" error={errors.summary}>
        <textarea rows={4} {...input("summary")} />
      </Field>
      <Field id="publication-url" label="Adresse du document (facultative)" error={errors.url}>
        <input type="url" inputMode="url" placeholder="https://" {...input("url")} />
      </Field>
      <Field
        id="publication-themes"
        label="Thèmes, séparés par des virgules (facultatifs)"
        error={errors.themes}
      >
        <input type="text" {...input("themes")} />
      </Field>
      <div class="checkbox">
        <input
          type="checkbox"
          id="publication-publish"
          name="publish"
          checked={values.publish === "oui"}
          onChange={(event) => form.set("publish", event.currentTarget.checked ? "oui" : "")}
        />
        <label for="publication-publish">Publier tout de suite dans les boîtes des comités</label>
      </div>
      <div class="actions">
        <button class="button" type="submit" disabled={form.busy}>
          Enregistrer la publication
        </button>
      </div>
    </form>
  );
}
