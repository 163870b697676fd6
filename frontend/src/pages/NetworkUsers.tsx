// Logins and their roles: searched and paged by the API's cursors; a new login with its first
// role; roles added and withdrawn, each refusal shown next to the action at fault.
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api, type Schemas, unwrap } from "../api/client";
import { problemMessage } from "../api/problems";
import { getNetwork } from "../api/reference";
import { NetworkOnly } from "../components/NetworkOnly";
import { Pager } from "../components/Pager";
import { GrantForm, UserForm } from "../components/UserForms";
import { plural } from "../lib/format";
import { useAsync, usePageTitle } from "../lib/hooks";
import { ROLE_LABELS } from "../lib/labels";
import { pageUrl } from "../lib/urlState";

type User = Schemas["UserPublic"];
type Committee = Schemas["CommitteePublic"];
const PATH = "/reseau/utilisateurs";

export default function NetworkUsers() {
  usePageTitle("Utilisateurs et rôles");
  return (
    <NetworkOnly title="Utilisateurs et rôles">
      <Users />
    </NetworkOnly>
  );
}

function Users() {
  const { query, route } = useLocation();
  const q = query.q?.trim().slice(0, 100) || undefined;
  const cursor = query.page || undefined;
  const [version, setVersion] = useState(0);
  const [done, setDone] = useState("");
  const users = useAsync(
    () =>
      unwrap(
        api.GET("/api/v1/users", {
          params: { query: { limit: 20, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } },
        }),
      ),
    [q, cursor, version],
  );
  const committees = useAsync(getNetwork, []);
  const sorted =
    committees.state === "ready"
      ? [...committees.data].sort((a, b) =>
          (a.short_name ?? a.name).localeCompare(b.short_name ?? b.name, "fr"),
        )
      : [];
  const names = new Map(sorted.map((c) => [c.id, c.short_name ?? c.name]));
  const changed = (message: string) => {
    setDone(message);
    setVersion((v) => v + 1);
    requestAnimationFrame(() => document.getElementById("annonce-utilisateurs")?.focus());
  };

  return (
    <>
      <h1 tabIndex={-1}>Utilisateurs et rôles</h1>
      <p class="lead">
        Les comptes de connexion et leurs rôles : animation nationale, pilote ou membre d’un comité.
      </p>
      <p id="annonce-utilisateurs" class={done ? "notice" : undefined} role="status" tabIndex={-1}>
        {done}
      </p>
      <h2>Les comptes</h2>
      <form
        class="filters"
        aria-label="Chercher un compte"
        key={q}
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get("q");
          route(pageUrl(PATH, { q: typeof value === "string" ? value.trim() : undefined }));
        }}
      >
        <div class="field">
          <label for="utilisateurs-q">Nom ou adresse électronique</label>
          <input id="utilisateurs-q" name="q" type="search" defaultValue={q ?? ""} />
        </div>
        <div class="actions">
          <button class="button" type="submit">
            Chercher
          </button>
          {q && (
            <a class="button button--secondary" href={PATH}>
              Tous les comptes
            </a>
          )}
        </div>
      </form>
      {users.state === "loading" && <p>Chargement des comptes…</p>}
      {users.state === "failed" && (
        <p class="alert" role="alert">
          {problemMessage(users.error)}
        </p>
      )}
      {users.state === "ready" && (
        <>
          <p class="results-heading">
            {users.data.items.length === 0
              ? "Aucun compte ne correspond."
              : `${plural(users.data.items.length, "compte", "comptes")}${cursor || users.data.next_cursor ? " sur cette page" : ""}`}
          </p>
          <ul class="users">
            {users.data.items.map((user) => (
              <UserCard
                key={user.id}
                user={user}
                names={names}
                committees={sorted}
                onChanged={changed}
              />
            ))}
          </ul>
          <Pager
            cursor={cursor}
            next={users.data.next_cursor}
            href={(next) => pageUrl(PATH, { q, page: next })}
          />
        </>
      )}
      <UserForm committees={sorted} onCreated={changed} />
    </>
  );
}

function grantText(grant: Schemas["GrantPublic"], names: Map<string, string>): string {
  if (!grant.committee_id) return ROLE_LABELS[grant.role];
  const committee = names.get(grant.committee_id) ?? "comité non public";
  return grant.role === "committee_admin" ? `Pilote de ${committee}` : `Membre de ${committee}`;
}

function UserCard(props: {
  user: User;
  names: Map<string, string>;
  committees: Committee[];
  onChanged: (message: string) => void;
}) {
  const { user } = props;
  const [error, setError] = useState<{ grant: string; message: string } | null>(null);
  const withdraw = async (grant: Schemas["GrantPublic"]) => {
    setError(null);
    try {
      await unwrap(
        api.DELETE("/api/v1/users/{user_id}/grants/{grant_id}", {
          params: { path: { user_id: user.id, grant_id: grant.id } },
        }),
      );
      props.onChanged(`${user.display_name} : rôle « ${grantText(grant, props.names)} » retiré.`);
    } catch (failure) {
      setError({ grant: grant.id, message: problemMessage(failure) });
    }
  };
  const [toggleError, setToggleError] = useState<string | null>(null);
  const toggle = async () => {
    setToggleError(null);
    try {
      // A change needs the version it applies to (If-Match): read it, then change it.
      const path = { params: { path: { user_id: user.id } } };
      const current = await api.GET("/api/v1/users/{user_id}", path);
      await unwrap(Promise.resolve(current)); // a refusal becomes an ApiError
      const version = current.response.headers.get("ETag") ?? "";
      await unwrap(
        api.PATCH("/api/v1/users/{user_id}", {
          params: { path: { user_id: user.id }, header: { "If-Match": version } },
          body: { is_active: !user.is_active },
        }),
      );
      props.onChanged(
        `Compte de ${user.display_name} ${user.is_active ? "désactivé" : "réactivé"}.`,
      );
    } catch (failure) {
      setToggleError(problemMessage(failure));
    }
  };
  return (
    <li class="user">
      <h3>
        {user.display_name}
        {!user.is_active && <span class="muted"> (compte désactivé)</span>}
      </h3>
      <p class="muted">{user.email}</p>
      {user.grants.length === 0 ? (
        <p>Aucun rôle.</p>
      ) : (
        <ul class="grants">
          {user.grants.map((grant) => (
            <li key={grant.id}>
              <span>{grantText(grant, props.names)}</span>
              <button
                type="button"
                class="link-button"
                aria-label={`Retirer le rôle « ${grantText(grant, props.names)} » de ${user.display_name}`}
                aria-describedby={error?.grant === grant.id ? `retrait-${grant.id}` : undefined}
                onClick={() => withdraw(grant)}
              >
                Retirer
              </button>
              {error?.grant === grant.id && (
                <p id={`retrait-${grant.id}`} class="field__error" role="alert">
                  {error.message}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <button
          type="button"
          class="link-button"
          aria-describedby={toggleError ? `activation-${user.id}` : undefined}
          onClick={toggle}
        >
          {user.is_active ? "Désactiver" : "Réactiver"} le compte de {user.display_name}
        </button>
      </p>
      {toggleError && (
        <p id={`activation-${user.id}`} class="field__error" role="alert">
          {toggleError}
        </p>
      )}
      <details>
        <summary>Ajouter un rôle à {user.display_name}</summary>
        <GrantForm user={user} committees={props.committees} onAdded={props.onChanged} />
      </details>
    </li>
  );
}
