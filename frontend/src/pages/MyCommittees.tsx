import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api, type Schemas, unwrap } from "../api/client";
import { problemMessage } from "../api/problems";
import { formatDay } from "../lib/format";
import { useAsync, usePageTitle, useSession } from "../lib/hooks";
import { CONTRIBUTION_STATUS_LABELS } from "../lib/labels";

type InboxKind = Schemas["InboxKind"];

const KIND_LABELS: Record<InboxKind, string> = {
  publication: "Publication du HCTS à relayer",
  call: "Appel à candidatures",
  contribution_update: "Réponse à une remontée",
  seminar: "Séminaire du réseau",
};

const ROLE_LABELS: Record<Schemas["Role"], string> = {
  network_admin: "animation du réseau",
  committee_admin: "pilote",
  member: "membre",
};

async function loadInboxes(grants: Schemas["GrantPublic"][]) {
  const mine = grants.filter((grant) => grant.committee_id !== null);
  return Promise.all(
    mine.map(async (grant) => {
      const committee_id = grant.committee_id ?? "";
      const [committee, inbox] = await Promise.all([
        unwrap(
          api.GET("/api/v1/committees/{committee_id}", { params: { path: { committee_id } } }),
        ),
        unwrap(
          api.GET("/api/v1/committees/{committee_id}/inbox", {
            params: { path: { committee_id }, query: { limit: 50 } },
          }),
        ),
      ]);
      return { role: grant.role, committee, items: inbox.items, next: inbox.next_cursor ?? null };
    }),
  );
}

export default function MyCommittees() {
  const { me } = useSession();
  const { url, route } = useLocation();
  usePageTitle("Mes comités");
  useEffect(() => {
    if (!me) route(`/connexion?retour=${encodeURIComponent(url)}`, true);
  }, [me]);
  const inboxes = useAsync(() => loadInboxes(me?.grants ?? []), [me?.id]);

  return (
    <>
      <h1 tabIndex={-1}>Mes comités</h1>
      {inboxes.state === "loading" && <p>Chargement de vos comités…</p>}
      {inboxes.state === "failed" && (
        <p class="alert" role="alert">
          {problemMessage(inboxes.error)}
        </p>
      )}
      {inboxes.state === "ready" && inboxes.data.length === 0 && (
        <p>Votre compte n’est rattaché à aucun comité.</p>
      )}
      {inboxes.state === "ready" &&
        inboxes.data.map((inbox) => <Inbox key={inbox.committee.id} {...inbox} />)}
    </>
  );
}

type InboxItem = Schemas["InboxItem"];

/** One committee's inbox, newest first; the next page by the API's cursor, added below. */
function Inbox(props: {
  role: Schemas["Role"];
  committee: Schemas["CommitteePublic"];
  items: InboxItem[];
  next: string | null;
}) {
  const { committee } = props;
  const [items, setItems] = useState(props.items);
  const [next, setNext] = useState(props.next);
  const [failure, setFailure] = useState<string | null>(null);
  const unread = items.filter((item) => !item.read).length;
  const more = async () => {
    if (!next) return;
    setFailure(null);
    try {
      const page = await unwrap(
        api.GET("/api/v1/committees/{committee_id}/inbox", {
          params: { path: { committee_id: committee.id }, query: { limit: 50, cursor: next } },
        }),
      );
      setItems([...items, ...page.items]);
      setNext(page.next_cursor ?? null);
    } catch (error) {
      setFailure(problemMessage(error));
    }
  };
  return (
    <section aria-labelledby={`boite-${committee.id}`}>
      <h2 id={`boite-${committee.id}`}>
        <a href={`/comites/${committee.id}`}>{committee.short_name ?? committee.name}</a>{" "}
        <span class="muted">({ROLE_LABELS[props.role]})</span>
      </h2>
      <h3>
        Boîte de réception : {unread} non {unread > 1 ? "lus" : "lu"}
      </h3>
      {next && (
        <p class="muted">Les plus récents d’abord ; les plus anciens suivent à la demande.</p>
      )}
      {items.length === 0 ? (
        <p>Rien de nouveau.</p>
      ) : (
        <ul class="inbox">
          {items.map((item) => (
            <li key={`${item.kind}-${item.item_id}`} class={item.read ? "" : "is-unread"}>
              <span class="inbox__kind">
                {KIND_LABELS[item.kind]}
                {item.to_status
                  ? ` : ${CONTRIBUTION_STATUS_LABELS[item.to_status].toLowerCase()}`
                  : ""}
              </span>
              <strong>{item.title}</strong>
              <span class="muted">
                {formatDay(item.occurred_at.slice(0, 10))}
                {item.read ? "" : " · non lu"}
              </span>
            </li>
          ))}
        </ul>
      )}
      {failure && (
        <p class="alert" role="alert">
          {failure}
        </p>
      )}
      {next && (
        <p>
          <button class="button button--secondary" type="button" onClick={more}>
            Afficher les éléments plus anciens
          </button>
        </p>
      )}
    </section>
  );
}
