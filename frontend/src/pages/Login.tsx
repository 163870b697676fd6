import { useRef, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ApiError, session } from "../api/client";
import { problemMessage } from "../api/problems";
import { safeReturn } from "../api/session";
import { usePageTitle, useSession } from "../lib/hooks";

type FieldErrors = Partial<Record<"email" | "password", string>>;

// The API names the form's fields `username` and `password` in a 422's `loc`.
const FIELDS: Record<string, keyof FieldErrors> = { username: "email", password: "password" };

export default function Login() {
  const { query, route } = useLocation();
  const { me, expired } = useSession();
  const back = safeReturn(query.retour);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  usePageTitle(failure ? "Erreur : connexion" : "Connexion");

  const submit = async (event: Event) => {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (!email.trim()) missing.email = "Saisissez votre adresse électronique.";
    if (!password) missing.password = "Saisissez votre mot de passe.";
    if (missing.email || missing.password) {
      setFields(missing);
      setFailure("Le formulaire est incomplet.");
      queueMicrotask(() => summary.current?.focus());
      return;
    }
    setBusy(true);
    try {
      await session.login(email.trim(), password);
      route(back);
    } catch (error) {
      const byField: FieldErrors = {};
      if (error instanceof ApiError) {
        for (const item of error.problem?.errors ?? []) {
          const field = FIELDS[String(item.loc.at(-1))];
          if (field) byField[field] = "Cette valeur n’est pas valide.";
        }
      }
      setFields(byField);
      setFailure(problemMessage(error));
      setPassword(""); // the address stays as typed; a refused password is typed again
      queueMicrotask(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  if (me) {
    return (
      <>
        <h1 tabIndex={-1}>Connexion</h1>
        <p>
          Vous êtes connecté·e en tant que {me.display_name}. <a href={back}>Continuer</a>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 tabIndex={-1}>Connexion</h1>
      {expired && (
        <p class="notice" role="status">
          Votre session a expiré. Reconnectez-vous pour revenir à la page où vous étiez.
        </p>
      )}
      <form class="form" onSubmit={submit} noValidate aria-describedby="connexion-aide">
        <p id="connexion-aide" class="muted">
          Réservé aux animateurs du réseau, aux pilotes et aux membres des comités. Tous les champs
          sont obligatoires.
        </p>
        {failure && (
          <div class="alert" role="alert" tabIndex={-1} ref={summary} id="connexion-erreur">
            {failure}
          </div>
        )}
        <div class={fields.email ? "field field--error" : "field"}>
          <label for="connexion-email">Adresse électronique</label>
          <input
            id="connexion-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onInput={(event) => setEmail(event.currentTarget.value)}
            aria-invalid={fields.email ? "true" : undefined}
            aria-describedby={fields.email ? "connexion-email-erreur" : undefined}
          />
          {fields.email && (
            <p id="connexion-email-erreur" class="field__error">
              {fields.email}
            </p>
          )}
        </div>
        <div class={fields.password ? "field field--error" : "field"}>
          <label for="connexion-mdp">Mot de passe</label>
          <input
            id="connexion-mdp"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(event) => setPassword(event.currentTarget.value)}
            aria-invalid={fields.password ? "true" : undefined}
            aria-describedby={fields.password ? "connexion-mdp-erreur" : undefined}
          />
          {fields.password && (
            <p id="connexion-mdp-erreur" class="field__error">
              {fields.password}
            </p>
          )}
        </div>
        <div class="actions">
          <button class="button" type="submit" disabled={busy}>
            {busy ? "Connexion…" : "Se connecter"}
          </button>
        </div>
      </form>
    </>
  );
}
