// One seminar: registrations and attendance by committee (the API's summary), then each
// registration, whose attendance the network's animators record after the day.
import { useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { api, type Schemas, unwrap } from "../api/client";
import { problemMessage } from "../api/problems";
import { NetworkOnly } from "../components/NetworkOnly";
import { Pager } from "../components/Pager";
import { formatDay, formatNumber, formatTime, plural } from "../lib/format";
import { useAsync, usePageTitle } from "../lib/hooks";
import {
  ATTENDANCE_LABELS,
  type AttendanceStatus,
  CATEGORY_LABELS,
  SEMINAR_MODE_LABELS,
} from "../lib/labels";
import { pageUrl } from "../lib/urlState";

type Registration = Schemas["RegistrationPublic"];
const STATUSES = Object.keys(ATTENDANCE_LABELS) as AttendanceStatus[];
const COUNTS = ["registered", "present", "excused", "absent", "total"] as const;
const COUNT_LABELS = { ...ATTENDANCE_LABELS, total: "Total" };
const PAGE_SIZE = 25;

export default function NetworkSeminar() {
  const { params } = useRoute();
  const id = params.id ?? "";
  // Recorded attendance changes the summary: it is read again.
  const [version, setVersion] = useState(0);
  const seminar = useAsync(
    () =>
      Promise.all([
        unwrap(api.GET("/api/v1/seminars/{seminar_id}", { params: { path: { seminar_id: id } } })),
        unwrap(
          api.GET("/api/v1/seminars/{seminar_id}/summary", {
            params: { path: { seminar_id: id } },
          }),
        ),
      ]),
    [id, version],
    true,
  );
  const title =
    seminar.state === "ready"
      ? seminar.data[0].title
      : seminar.state === "failed"
        ? "Séminaire introuvable"
        : "Chargement du séminaire";
  usePageTitle(
    seminar.state === "ready"
      ? `${title}, ${formatDay(seminar.data[0].starts_at.slice(0, 10))}`
      : title,
  );

  return (
    <NetworkOnly title={title}>
      {seminar.state === "loading" && <h1 tabIndex={-1}>Chargement du séminaire…</h1>}
      {seminar.state === "failed" && (
        <>
          <h1 tabIndex={-1}>Séminaire introuvable</h1>
          <p class="alert" role="alert">
            {problemMessage(seminar.error)}
          </p>
          <p>
            <a href="/reseau/seminaires">Revenir aux séminaires</a>
          </p>
        </>
      )}
      {seminar.state === "ready" && (
        <Seminar
          seminar={seminar.data[0]}
          summary={seminar.data[1]}
          onChanged={() => setVersion((v) => v + 1)}
        />
      )}
    </NetworkOnly>
  );
}

function Seminar(props: {
  seminar: Schemas["SeminarPublic"];
  summary: Schemas["SeminarSummary"];
  onChanged: () => void;
}) {
  const { seminar, summary } = props;
  const { query } = useLocation();
  const status = STATUSES.find((value) => value === query.statut);
  const committee = summary.committees.find(
    (line) => line.committee.id === query.comite,
  )?.committee;
  const cursor = query.page || undefined;
  const href = (next?: string) =>
    pageUrl(`/reseau/seminaires/${seminar.id}`, {
      statut: status,
      comite: committee?.id,
      page: next,
    });
  const registrations = useAsync(
    () =>
      unwrap(
        api.GET("/api/v1/seminars/{seminar_id}/registrations", {
          params: {
            path: { seminar_id: seminar.id },
            query: {
              limit: PAGE_SIZE,
              ...(status ? { status } : {}),
              ...(committee ? { committee_id: committee.id } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    [seminar.id, status, committee?.id, cursor, props.summary],
    true,
  );
  const day = formatDay(seminar.starts_at.slice(0, 10));
  return (
    <>
      <nav aria-label="Fil d’Ariane" class="breadcrumb">
        <a href="/reseau/seminaires">Séminaires du réseau</a> ›{" "}
        <span aria-current="page">{seminar.title}</span>
      </nav>
      <h1 tabIndex={-1}>{seminar.title}</h1>
      <p class="lead">
        {day}, {formatTime(seminar.starts_at)}
        {seminar.ends_at ? `–${formatTime(seminar.ends_at)}` : ""} ·{" "}
        {SEMINAR_MODE_LABELS[seminar.mode]}
        {seminar.place ? ` · ${seminar.place}` : ""}
        {seminar.registration_deadline
          ? ` · inscriptions jusqu’au ${formatDay(seminar.registration_deadline)}`
          : ""}
      </p>

      <h2>Inscriptions et présences par comité</h2>
      {summary.committees.length === 0 ? (
        <p>Aucun comité n’a encore inscrit de participant.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>
              Participants par comité et par présence (
              {plural(summary.committees.length, "comité", "comités")})
            </caption>
            <thead>
              <tr>
                <th scope="col">Comité</th>
                {COUNTS.map((count) => (
                  <th scope="col" class="num" key={count}>
                    {COUNT_LABELS[count]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {summary.committees.map((line) => (
                <tr key={line.committee.id}>
                  <th scope="row">
                    <a
                      href={`${pageUrl(`/reseau/seminaires/${seminar.id}`, { comite: line.committee.id })}#titre-inscriptions`}
                    >
                      {line.committee.short_name ?? "Comité"}
                    </a>
                  </th>
                  {COUNTS.map((count) => (
                    <td class="num" key={count}>
                      {formatNumber(line.counts[count] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Ensemble</th>
                {COUNTS.map((count) => (
                  <td class="num" key={count}>
                    {formatNumber(summary.totals[count] ?? 0)}
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      )}

      <h2 id="titre-inscriptions" tabIndex={-1}>
        Inscriptions{committee ? ` du comité ${committee.short_name ?? ""}` : ""}
      </h2>
      <nav class="tabs" aria-label="Filtrer les inscriptions par présence">
        <ul>
          {[undefined, ...STATUSES].map((value) => (
            <li key={value ?? "toutes"}>
              <a
                href={pageUrl(`/reseau/seminaires/${seminar.id}`, {
                  statut: value,
                  comite: committee?.id,
                })}
                aria-current={status === value ? "page" : undefined}
              >
                {value ? ATTENDANCE_LABELS[value] : "Toutes"}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {committee && (
        <p>
          <a href={pageUrl(`/reseau/seminaires/${seminar.id}`, { statut: status })}>
            Voir les inscriptions de tous les comités
          </a>
        </p>
      )}
      {registrations.state === "loading" && <p>Chargement des inscriptions…</p>}
      {registrations.state === "failed" && (
        <p class="alert" role="alert">
          {problemMessage(registrations.error)}
        </p>
      )}
      {registrations.state === "ready" &&
        (registrations.data.items.length === 0 ? (
          <p>Aucune inscription.</p>
        ) : (
          <>
            <Attendance
              seminar={seminar.id}
              items={registrations.data.items}
              onSaved={props.onChanged}
            />
            <Pager cursor={cursor} next={registrations.data.next_cursor} href={href} />
          </>
        ))}
    </>
  );
}

function Attendance(props: { seminar: string; items: Registration[]; onSaved: () => void }) {
  const [changes, setChanges] = useState<Record<string, AttendanceStatus>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const changed = Object.keys(changes).length;

  const save = async (event: Event) => {
    event.preventDefault();
    if (changed === 0) {
      setResult({ ok: false, message: "Changez au moins une présence avant d’enregistrer." });
      return;
    }
    setBusy(true);
    setResult(null);
    try {
      await unwrap(
        api.PUT("/api/v1/seminars/{seminar_id}/attendance", {
          params: { path: { seminar_id: props.seminar } },
          body: {
            items: Object.entries(changes).map(([person_id, status]) => ({ person_id, status })),
          },
        }),
      );
      setResult({
        ok: true,
        message: `${plural(changed, "présence enregistrée", "présences enregistrées")}.`,
      });
      setChanges({});
      props.onSaved();
    } catch (error) {
      // Nothing was recorded (all or nothing): the choices stay as they were made.
      setResult({ ok: false, message: problemMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save} aria-label="Présences">
      <div class="table-wrap">
        <table>
          <caption>Participants inscrits et leur présence</caption>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Comité</th>
              <th scope="col">Catégorie</th>
              <th scope="col">Structure</th>
              <th scope="col">Présence</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((item) => {
              const name = `${item.person.first_name} ${item.person.last_name}`;
              return (
                <tr key={item.id}>
                  <th scope="row">{name}</th>
                  <td>{item.committee.short_name ?? "—"}</td>
                  <td>{CATEGORY_LABELS[item.category]}</td>
                  <td>{item.organisation?.name ?? "—"}</td>
                  <td>
                    <select
                      aria-label={`Présence de ${name}`}
                      value={changes[item.person.id] ?? item.status}
                      onChange={(event) => {
                        const value = event.currentTarget.value as AttendanceStatus;
                        const { [item.person.id]: _previous, ...rest } = changes;
                        setChanges(
                          value === item.status ? rest : { ...rest, [item.person.id]: value },
                        );
                      }}
                    >
                      {STATUSES.map((value) => (
                        <option key={value} value={value}>
                          {ATTENDANCE_LABELS[value]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <button class="button" type="submit" disabled={busy} aria-describedby="presences-resultat">
          Enregistrer les présences{changed > 0 ? ` (${formatNumber(changed)})` : ""}
        </button>
        <p
          id="presences-resultat"
          role="status"
          class={result ? (result.ok ? "notice" : "field__error") : undefined}
        >
          {result?.message}
        </p>
      </div>
    </form>
  );
}
