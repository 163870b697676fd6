import { useState } from "preact/hooks";
import { api, type Schemas, unwrap } from "../api/client";
import { problemMessage } from "../api/problems";
import { getNetwork } from "../api/reference";
import { CallForm } from "../components/CallForm";
import { NetworkOnly } from "../components/NetworkOnly";
import { TriageDialog } from "../components/TriageDialog";
import { daysBetween, formatDay, waited } from "../lib/format";
import { useAsync, usePageTitle } from "../lib/hooks";
import { CONTRIBUTION_KIND_LABELS, CONTRIBUTION_STATUS_LABELS } from "../lib/labels";

type Contribution = Schemas["ContributionPublic"];

// What waits for HCTS: submitted (not yet acknowledged) and acknowledged (not yet answered).
const WAITING = ["submitted", "acknowledged"] as const;

async function loadWaiting() {
  const [pages, committees] = await Promise.all([
    Promise.all(
      WAITING.map((status) =>
        unwrap(api.GET("/api/v1/contributions", { params: { query: { status, limit: 500 } } })),
      ),
    ),
    getNetwork(),
  ]);
  const names = new Map(committees.map((c) => [c.id, c.short_name ?? c.name]));
  const items = pages.flatMap((page) => page.items);
  // The longest wait first.
  items.sort((a, b) => a.status_since.localeCompare(b.status_since));
  return { items, names };
}

export default function Network() {
  usePageTitle("Espace réseau");
  return (
    <NetworkOnly title="Espace réseau">
      <Workspace />
    </NetworkOnly>
  );
}

function Workspace() {
  const [version, setVersion] = useState(0);
  const [open, setOpen] = useState<Contribution | null>(null);
  const [done, setDone] = useState("");
  const waiting = useAsync(loadWaiting, [version]);
  return (
    <>
      <h1 tabIndex={-1}>Espace réseau</h1>
      <p class="lead">
        Les remontées des comités qui attendent une suite du HCTS, et les appels à candidatures.
      </p>
      <h2 id="remontees-titre" tabIndex={-1}>
        Remontées en attente
      </h2>
      <p id="annonce-reseau" class={done ? "notice" : undefined} role="status" tabIndex={-1}>
        {done}
      </p>
      {waiting.state === "loading" && <p>Chargement des remontées…</p>}
      {waiting.state === "failed" && (
        <p class="alert" role="alert">
          {problemMessage(waiting.error)}
        </p>
      )}
      {waiting.state === "ready" &&
        (waiting.data.items.length === 0 ? (
          <p>Aucune remontée n’attend de suite.</p>
        ) : (
          <WaitingTable items={waiting.data.items} names={waiting.data.names} onTriage={setOpen} />
        ))}
      <CallForm
        onPublished={(message) => {
          setDone(message);
          requestAnimationFrame(() => document.getElementById("annonce-reseau")?.focus());
        }}
      />
      {open && waiting.state === "ready" && (
        <TriageDialog
          contribution={open}
          committee={waiting.data.names.get(open.committee_id) ?? "non public"}
          onClose={() => setOpen(null)}
          onDone={(message) => {
            setDone(`Remontée mise à jour : ${message}`);
            setVersion((v) => v + 1);
            // The row (and its button) may leave the list: focus goes back to the list's title.
            requestAnimationFrame(() => document.getElementById("remontees-titre")?.focus());
          }}
        />
      )}
    </>
  );
}

function WaitingTable(props: {
  items: Contribution[];
  names: Map<string, string>;
  onTriage: (item: Contribution) => void;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption>
          Remontées transmises ou accusées de réception, de la plus ancienne à la plus récente
        </caption>
        <thead>
          <tr>
            <th scope="col">Remontée</th>
            <th scope="col">Comité</th>
            <th scope="col">Nature</th>
            <th scope="col">État</th>
            <th scope="col">Attente</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((item) => (
            <tr key={item.id}>
              <th scope="row">{item.title}</th>
              <td>
                <a href={`/comites/${item.committee_id}`}>
                  {props.names.get(item.committee_id) ?? "Comité non public"}
                </a>
              </td>
              <td>{CONTRIBUTION_KIND_LABELS[item.kind]}</td>
              <td>
                {CONTRIBUTION_STATUS_LABELS[item.status]} le {formatDay(item.status_since)}
              </td>
              <td data-jours={daysBetween(item.status_since)}>{waited(item.status_since)}</td>
              <td>
                <button
                  class="button button--secondary"
                  type="button"
                  aria-label={`Traiter « ${item.title} »`}
                  onClick={() => props.onTriage(item)}
                >
                  Traiter
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
