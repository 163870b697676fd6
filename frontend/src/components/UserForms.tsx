// The forms of the users' page: a new login with its first role, a role added to a login. What
// was typed stays on a refusal (the password excepted from drafts), each problem at its field.
import { api, type Schemas, unwrap } from "../api/client";
import { described, type Errors, useForm } from "../lib/forms";
import { ROLE_LABELS, type Role } from "../lib/labels";
import { Choices, Field, FormMessages } from "./Field";

type User = Schemas["UserPublic"];
type Committee = Schemas["CommitteePublic"];
const ROLES = Object.keys(ROLE_LABELS) as Role[];

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
          <Choices options={ROLES.map((value) => [value, ROLE_LABELS[value]] as const)} />
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
            <Choices
              options={props.committees.map(
                (item) => [item.id, item.short_name ?? item.name] as const,
              )}
            />
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

export function GrantForm(props: {
  user: User;
  committees: Committee[];
  onAdded: (message: string) => void;
}) {
  type F = "role" | "committee";
  const form = useForm<F>(`role-${props.user.id}`, { role: "", committee: "" });
  const submit = form.submitter({
    invalid: { role: "Ce rôle n’est pas valide.", committee: "Ce comité n’est pas valide." },
    place: {
      codes: { grant_exists: "role", committee_not_found: "committee" },
      fields: { committee_id: "committee" },
    },
    check: roleMissing,
    send: async (values) => {
      await unwrap(
        api.POST("/api/v1/users/{user_id}/grants", {
          params: { path: { user_id: props.user.id } },
          body: grantBody(values),
        }),
      );
      props.onAdded(`${props.user.display_name} : rôle ajouté.`);
    },
  });
  return (
    <form
      ref={form.element}
      class="form"
      onSubmit={submit}
      noValidate
      aria-label={`Ajouter un rôle à ${props.user.display_name}`}
    >
      <FormMessages failure={form.failure} restored={form.restored} />
      <RoleFields
        prefix={`role-${props.user.id}`}
        values={form.values}
        errors={form.errors}
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

export function UserForm(props: { committees: Committee[]; onCreated: (message: string) => void }) {
  const form = useForm<U>(
    "compte",
    { email: "", display_name: "", password: "", role: "", committee: "" },
    ["password"],
  );
  const { errors, values } = form;

  const submit = form.submitter({
    invalid: INVALID,
    place: {
      codes: { email_taken: "email", committee_not_found: "committee" },
      fields: { grants: "role" },
    },
    check: (values) => {
      const missing: Errors<U> = roleMissing(values);
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) missing.email = INVALID.email;
      if (!values.display_name.trim()) missing.display_name = "Saisissez le nom affiché.";
      if (values.password.length < 12)
        missing.password = "Le mot de passe fait au moins 12 caractères.";
      return missing;
    },
    send: async (values) => {
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
      props.onCreated(`Compte de ${user.display_name} créé.`);
    },
  });
  const { input } = form;

  return (
    <form
      ref={form.element}
      class="form"
      onSubmit={submit}
      noValidate
      aria-labelledby="titre-nouveau-compte"
    >
      <h2 id="titre-nouveau-compte">Créer un compte</h2>
      <FormMessages failure={form.failure} restored={form.restored} />
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
        <button class="button" type="submit" disabled={form.busy}>
          Créer le compte
        </button>
      </div>
    </form>
  );
}
