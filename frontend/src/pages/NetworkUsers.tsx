// Logins and their roles: searched and paged by the API's cursors; a new login with its first
// role; roles added and withdrawn, each refusal shown next to the action at fault.
import { useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { api, type Schemas, unwrap } from "../api/client";
import { problemMessage } from "../api/problems";
import { getNetwork } from "../api/reference";
import { Field, FormMessages } from "../components/Field";
import { NetworkOnly } from "../components/NetworkOnly";
import { Pager } from "../components/Pager";
import { plural } from "../lib/format";
import { described, type Errors, focusFirstError, placeProblem, useForm } from "../lib/forms";
import { useAsync, usePageTitle } from "../lib/hooks";
import { ROLE_LABELS, type Role } from "../lib/labels";
import { pageUrl } from "../lib/urlState";

type User = Schemas["UserPublic"];
type Committee = Schemas["CommitteePublic"];
const PATH = "/reseau/utilisateurs";
const ROLES = Object.keys(ROLE_LABELS) as Role[];

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

function RoleFields(props: {
  prefix: string;
  values: { role: string; committee: string };
  errors: Errors<"role" | "committee">;
  set: (name: "role" | "committee", value: string) => void;
  committees: Committee[];
}) {
  const role = `${props.prefix}-role`;
  const committee = `${props.prefix}-committee`;
  return (
    <>
      <Field id={role} label="Rôle" error={props.errors.role}>
        <select
          {...described(role, props.errors.role)}
          name="role"
          value={props.values.role}
          onChange={(event) => props.set("role", event.currentTarget.value)}
        >
          <option value="">Choisir…</option>
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {ROLE_LABELS[value]}
            </option>
          ))}
        </select>
      </Field>
      {props.values.role !== "network_admin" && (
        <Field id={committee} label="Comité" error={props.errors.committee}>
          <select
            {...described(committee, props.errors.committee)}
            name="committee"
            value={props.values.committee}
            onChange={(event) => props.set("committee", event.currentTarget.value)}
          >
            <option value="">Choisir…</option>
            {props.committees.map((item) => (
              <option key={item.id} value={item.id}>
                {item.short_name ?? item.name}
              </option>
            ))}
          </select>
        </Field>
      )}
    </>
  );
}

function roleMissing(values: { role: string; committee: string }) {
  const missing: Errors<"role" | "committee"> = {};
  if (!values.role) missing.role = "Choisissez un rôle.";
  else if (values.role !== "network_admin" && !values.committee) {
    missing.committee = "Choisissez le comité de ce rôle.";
  }
  return missing;
}

function grantBody(values: { role: string; committee: string }): Schemas["GrantCreate"] {
  const role = values.role as Role;
  return { role, committee_id: role === "network_admin" ? null : values.committee };
}

function GrantForm(props: {
  user: User;
  committees: Committee[];
  onAdded: (message: string) => void;
}) {
  type F = "role" | "committee";
  const form = useForm<F>(`role-${props.user.id}`, { role: "", committee: "" });
  const [errors, setErrors] = useState<Errors<F>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const element = useRef<HTMLFormElement>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    const missing = roleMissing(form.values);
    setErrors(missing);
    setFailure(null);
    if (Object.keys(missing).length > 0) return focusFirstError(element.current);
    form.keep();
    try {
      await unwrap(
        api.POST("/api/v1/users/{user_id}/grants", {
          params: { path: { user_id: props.user.id } },
          body: grantBody(form.values),
        }),
      );
      form.done();
      props.onAdded(`${props.user.display_name} : rôle ajouté.`);
    } catch (error) {
      form.failed(error);
      const placed = placeProblem(
        error,
        { role: "Ce rôle n’est pas valide.", committee: "Ce comité n’est pas valide." },
        {
          codes: { grant_exists: "role", committee_not_found: "committee" },
          fields: { committee_id: "committee" },
        },
      );
      setErrors(placed.errors);
      setFailure(placed.failure);
      focusFirstError(element.current);
    }
  };
  return (
    <form
      ref={element}
      class="form"
      onSubmit={submit}
      noValidate
      aria-label={`Ajouter un rôle à ${props.user.display_name}`}
    >
      <FormMessages failure={failure} restored={form.restored} />
      <RoleFields
        prefix={`role-${props.user.id}`}
        values={form.values}
        errors={errors}
        set={form.set}
        committees={props.committees}
      />
      <div class="actions">
        <button class="button button--secondary" type="submit">
          Ajouter le rôle
        </button>
      </div>
    </form>
  );
}

type U = "email" | "display_name" | "password" | "role" | "committee";

const INVALID: Record<U, string> = {
  email: "Saisissez une adresse électronique valide.",
  display_name: "Saisissez le nom affiché (200 caractères au plus).",
  password: "Le mot de passe fait de 12 à 256 caractères.",
  role: "Ce rôle n’est pas valide.",
  committee: "Ce comité n’est pas valide.",
};

function UserForm(props: { committees: Committee[]; onCreated: (message: string) => void }) {
  const form = useForm<U>(
    "compte",
    { email: "", display_name: "", password: "", role: "", committee: "" },
    ["password"],
  );
  const { values } = form;
  const [errors, setErrors] = useState<Errors<U>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const element = useRef<HTMLFormElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing: Errors<U> = roleMissing(values);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) missing.email = INVALID.email;
    if (!values.display_name.trim()) missing.display_name = "Saisissez le nom affiché.";
    if (values.password.length < 12)
      missing.password = "Le mot de passe fait au moins 12 caractères.";
    setErrors(missing);
    setFailure(null);
    if (Object.keys(missing).length > 0) return focusFirstError(element.current);
    setBusy(true);
    form.keep();
    try {
      const user = await unwrap(
        api.POST("/api/v1/users", {
          body: {
            email: values.email.trim(),
            display_name: values.display_name.trim(),
            password: values.password,
            grants: [grantBody(values)],
          },
        }),
      );
      form.done();
      props.onCreated(`Compte de ${user.display_name} créé.`);
    } catch (error) {
      form.failed(error);
      const placed = placeProblem(error, INVALID, {
        codes: { email_taken: "email", committee_not_found: "committee" },
        fields: { grants: "role" },
      });
      setErrors(placed.errors);
      setFailure(placed.failure);
      focusFirstError(element.current);
    } finally {
      setBusy(false);
    }
  };

  const input = (name: U) => ({
    ...described(`compte-${name}`, errors[name]),
    name,
    value: values[name],
    onInput: (event: Event) => form.set(name, (event.currentTarget as HTMLInputElement).value),
  });

  return (
    <form
      ref={element}
      class="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="titre-nouveau-compte"
    >
      <h2 id="titre-nouveau-compte">Créer un compte</h2>
      <FormMessages failure={failure} restored={form.restored} />
      <Field id="compte-email" label="Adresse électronique" error={errors.email}>
        <input type="email" autoComplete="off" {...input("email")} />
      </Field>
      <Field id="compte-display_name" label="Nom affiché" error={errors.display_name}>
        <input type="text" autoComplete="off" {...input("display_name")} />
      </Field>
      <Field
        id="compte-password"
        label="Mot de passe provisoire (12 caractères au moins)"
        error={errors.password}
      >
        <input type="password" autoComplete="new-password" {...input("password")} />
      </Field>
      <RoleFields
        prefix="compte"
        values={values}
        errors={errors}
        set={form.set}
        committees={props.committees}
      />
      <div class="actions">
        <button class="button" type="submit" disabled={busy}>
          Créer le compte
        </button>
      </div>
    </form>
  );
}
