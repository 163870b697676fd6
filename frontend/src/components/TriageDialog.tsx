// Triage of one contribution by the network's animators, in a modal dialog: acknowledge it, then
// take it up, answer it or decline it. What was typed stays on failure; problems are worded in
// French next to the field at fault.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, api, type Schemas, unwrap } from "../api/client";
import { problemMessage } from "../api/problems";
import { CONTRIBUTION_STATUS_LABELS, type ContributionStatus } from "../lib/labels";

type Contribution = Schemas["ContributionPublic"];

// The moves HCTS makes (api/contributions/service_transitions.py).
const NEXT: Partial<Record<ContributionStatus, ContributionStatus[]>> = {
  submitted: ["acknowledged"],
  acknowledged: ["taken_up", "answered", "declined"],
};
const ACTION_LABELS: Partial<Record<ContributionStatus, string>> = {
  acknowledged: "Accuser réception",
  taken_up: "Reprendre dans les travaux du HCTS",
  answered: "Répondre",
  declined: "Ne pas retenir",
};
// A response is required to answer or decline (ContributionTransitionCreate).
const NEEDS_RESPONSE: ContributionStatus[] = ["answered", "declined"];

export function TriageDialog(props: {
  contribution: Contribution;
  committee: string;
  onDone: (message: string) => void;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const choices = NEXT[props.contribution.status] ?? [];
  const [to, setTo] = useState<ContributionStatus | undefined>(choices[0]);
  const [response, setResponse] = useState("");
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!to) return;
    setFailure(null);
    setFieldError(null);
    if (NEEDS_RESPONSE.includes(to) && !response.trim()) {
      setFieldError("Saisissez la réponse du HCTS.");
      return;
    }
    setBusy(true);
    try {
      await unwrap(
        api.POST("/api/v1/contributions/{contribution_id}/transitions", {
          params: { path: { contribution_id: props.contribution.id } },
          body: { to, response: response.trim() || null },
        }),
      );
      dialog.current?.close();
      props.onDone(
        `« ${props.contribution.title} » : ${CONTRIBUTION_STATUS_LABELS[to].toLowerCase()}.`,
      );
    } catch (error) {
      const atResponse =
        error instanceof ApiError &&
        (error.problem?.errors ?? []).some((item) => item.loc.includes("response"));
      if (atResponse) setFieldError("La réponse n’est pas valide (20 000 caractères au plus).");
      else setFailure(problemMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const titleId = `traiter-${props.contribution.id}`;
  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={titleId}
      onClose={props.onClose}
      onCancel={props.onClose}
    >
      <form onSubmit={submit} class="form" noValidate>
        <h2 id={titleId}>Traiter la remontée</h2>
        <p>
          « {props.contribution.title} », du comité {props.committee} :{" "}
          {CONTRIBUTION_STATUS_LABELS[props.contribution.status].toLowerCase()}.
        </p>
        {failure && (
          <p class="alert" role="alert">
            {failure}
          </p>
        )}
        <fieldset>
          <legend>Suite donnée</legend>
          {choices.map((choice) => (
            <div class="radio" key={choice}>
              <input
                type="radio"
                id={`suite-${choice}`}
                name="to"
                value={choice}
                checked={to === choice}
                onChange={() => setTo(choice)}
              />
              <label for={`suite-${choice}`}>{ACTION_LABELS[choice]}</label>
            </div>
          ))}
        </fieldset>
        <div class={fieldError ? "field field--error" : "field"}>
          <label for="reponse-hcts">
            Réponse du HCTS{to && NEEDS_RESPONSE.includes(to) ? " (obligatoire)" : " (facultative)"}
          </label>
          <textarea
            id="reponse-hcts"
            name="response"
            rows={5}
            value={response}
            onInput={(event) => setResponse(event.currentTarget.value)}
            aria-invalid={fieldError ? "true" : undefined}
            aria-describedby={fieldError ? "reponse-hcts-erreur" : undefined}
          />
          {fieldError && (
            <p id="reponse-hcts-erreur" class="field__error" role="alert">
              {fieldError}
            </p>
          )}
        </div>
        <div class="actions">
          <button class="button" type="submit" disabled={busy}>
            Enregistrer
          </button>
          <button
            class="button button--secondary"
            type="button"
            onClick={() => dialog.current?.close()}
          >
            Annuler
          </button>
        </div>
      </form>
    </dialog>
  );
}
