import { useRoute } from "preact-iso";
import { api, type Schemas, unwrap, unwrapJson } from "../api/client";
import { problemMessage } from "../api/problems";
import { getDepartments, getRegions, names } from "../api/reference";
import { StatusBadge, territoryText } from "../components/CommitteeCard";
import { formatDay } from "../lib/format";
import { useAsync, usePageTitle } from "../lib/hooks";
import {
  BODY_KIND_LABELS,
  METHOD_STEP_LABELS,
  ORGANISATION_TYPE_LABELS,
  PROGRAMME_STATUS_LABELS,
  SCALE_LABELS,
  STATUS_LABELS,
} from "../lib/labels";

type Programme = Schemas["ProgrammePublic"];
type Action = Schemas["ActionPublic"];

// Programmes the public may read once the COPIL has validated them.
const PUBLISHED: Programme["status"][] = ["validated", "in_progress", "closed"];

async function loadCommittee(id: string) {
  const path = { committee_id: id };
  const [committee, history, programmes, children, bodies] = await Promise.all([
    unwrap(api.GET("/api/v1/committees/{committee_id}", { params: { path } })),
    unwrap(api.GET("/api/v1/committees/{committee_id}/status-history", { params: { path } })),
    unwrap(api.GET("/api/v1/committees/{committee_id}/work-programmes", { params: { path } })),
    unwrapJson(api.GET("/api/v1/committees", { params: { query: { parent_id: id, limit: 500 } } })),
    unwrap(
      api.GET("/api/v1/committees/{committee_id}/bodies", {
        params: { path, query: { limit: 100 } },
      }),
    ),
  ]);
  const parent = committee.parent_id
    ? await unwrap(
        api.GET("/api/v1/committees/{committee_id}", {
          params: { path: { committee_id: committee.parent_id } },
        }),
      ).catch(() => null)
    : null;
  const shown = programmes.items.filter((programme) => PUBLISHED.includes(programme.status));
  const actions = await Promise.all(
    shown.map((programme) =>
      unwrap(
        api.GET("/api/v1/work-programmes/{programme_id}/actions", {
          params: { path: { programme_id: programme.id } },
        }),
      ).then(
        (page) => page.items,
        () => [] as Action[],
      ),
    ),
  );
  return {
    committee,
    history: history.items,
    programmes: shown.map((programme, index) => ({ programme, actions: actions[index] ?? [] })),
    children: children.items,
    bodies: bodies.items,
    parent,
  };
}

export default function Committee() {
  const { params } = useRoute();
  const id = params.id ?? "";
  const result = useAsync(() => loadCommittee(id), [id]);
  const territories = useAsync(() => Promise.all([getRegions(), getDepartments()]), []);
  const [regions, departments] = territories.state === "ready" ? territories.data : [[], []];

  const title =
    result.state === "ready"
      ? (result.data.committee.short_name ?? result.data.committee.name)
      : result.state === "failed"
        ? "Comité introuvable"
        : "Chargement du comité";
  usePageTitle(title);

  if (result.state === "loading") {
    return (
      <>
        <h1 tabIndex={-1}>Chargement du comité…</h1>
        <p aria-live="polite">Chargement…</p>
      </>
    );
  }
  if (result.state === "failed") {
    return (
      <>
        <h1 tabIndex={-1}>Comité introuvable</h1>
        <p class="alert" role="alert">
          {problemMessage(result.error)}
        </p>
        <p>
          <a href="/">Revenir à l’annuaire des comités</a>
        </p>
      </>
    );
  }

  const { committee, history, programmes, children, bodies, parent } = result.data;
  return (
    <>
      <nav aria-label="Fil d’Ariane" class="breadcrumb">
        <a href="/">Annuaire des comités</a> ›{" "}
        <span aria-current="page">{committee.short_name}</span>
      </nav>
      <h1 tabIndex={-1}>{committee.name}</h1>
      <p>
        <StatusBadge status={committee.status} /> depuis le {formatDay(committee.status_since)}
      </p>
      {committee.description && <p class="lead">{committee.description}</p>}

      <h2>Le comité en bref</h2>
      <dl class="facts">
        <dt>Sigle</dt>
        <dd>{committee.short_name ?? "—"}</dd>
        <dt>Échelle</dt>
        <dd>{SCALE_LABELS[committee.scale]}</dd>
        <dt>Territoire</dt>
        <dd>{territoryText(committee, names(regions), names(departments))}</dd>
        {parent && (
          <>
            <dt>Comité de rattachement</dt>
            <dd>
              <a href={`/comites/${parent.id}`}>{parent.short_name ?? parent.name}</a>
            </dd>
          </>
        )}
        {committee.contact_email && (
          <>
            <dt>Contact</dt>
            <dd>
              <a href={`mailto:${committee.contact_email}`}>{committee.contact_email}</a>
            </dd>
          </>
        )}
      </dl>

      <h2>Structures porteuses</h2>
      {committee.carrying_organisations.length === 0 ? (
        <p>Aucune structure porteuse n’est renseignée.</p>
      ) : (
        <ul>
          {committee.carrying_organisations.map((organisation) => (
            <li key={organisation.id}>
              {organisation.name}{" "}
              <span class="muted">({ORGANISATION_TYPE_LABELS[organisation.type]})</span>
            </li>
          ))}
        </ul>
      )}

      <h2>Instances</h2>
      {bodies.length === 0 ? (
        <p>Aucune instance n’est renseignée.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>Instances du comité {committee.short_name ?? committee.name}</caption>
            <thead>
              <tr>
                <th scope="col">Instance</th>
                <th scope="col">Nature</th>
                <th scope="col">Présentation</th>
              </tr>
            </thead>
            <tbody>
              {bodies.map((body) => (
                <tr key={body.id}>
                  <th scope="row">{body.name}</th>
                  <td>{BODY_KIND_LABELS[body.kind]}</td>
                  <td>{body.description ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Historique des états</h2>
      <ol class="timeline">
        {history.map((change) => (
          <li key={`${change.status}-${change.effective_on}-${change.recorded_at}`}>
            <time dateTime={change.effective_on}>{formatDay(change.effective_on)}</time>
            {STATUS_LABELS[change.status]}
          </li>
        ))}
      </ol>

      {children.length > 0 && (
        <>
          <h2>Comités rattachés</h2>
          <ul>
            {children.map((child) => (
              <li key={child.id}>
                <a href={`/comites/${child.id}`}>{child.short_name ?? child.name}</a> —{" "}
                {STATUS_LABELS[child.status].toLowerCase()}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Programmes de travail validés</h2>
      {programmes.length === 0 ? (
        <p>Aucun programme de travail validé n’est publié pour ce comité.</p>
      ) : (
        programmes.map(({ programme, actions }) => (
          <section key={programme.id} aria-labelledby={`programme-${programme.id}`}>
            <h3 id={`programme-${programme.id}`}>{programme.title}</h3>
            <p>
              {PROGRAMME_STATUS_LABELS[programme.status]} · du {formatDay(programme.period_start)}{" "}
              au {formatDay(programme.period_end)}
            </p>
            {actions.length > 0 && (
              <div class="table-wrap">
                <table>
                  <caption>Actions du programme « {programme.title} »</caption>
                  <thead>
                    <tr>
                      <th scope="col">Action</th>
                      <th scope="col">Thème</th>
                      <th scope="col">Étape de la méthode</th>
                    </tr>
                  </thead>
                  <tbody>
                    {actions.map((action) => (
                      <tr key={action.id}>
                        <th scope="row">{action.title}</th>
                        <td>{action.theme ?? "—"}</td>
                        <td>{action.method_step ? METHOD_STEP_LABELS[action.method_step] : "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ))
      )}
      <p class="muted">
        Les membres des instances et les réunions du comité ne sont visibles que par ses membres
        connectés.
      </p>
    </>
  );
}
