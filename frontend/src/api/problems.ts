// The French text shown for a problem, chosen by its stable code (never from `detail`).
import { ApiError, type ProblemCode } from "./client";

const MESSAGES: Partial<Record<ProblemCode, string>> = {
  committee_not_found: "Ce comité n’existe pas ou n’est pas public.",
  not_found: "Cette page ou cette donnée n’existe pas.",
  unauthorized: "Veuillez vous connecter pour voir cette page.",
  forbidden: "Vous n’avez pas accès à cette donnée.",
  invalid_credentials: "Adresse électronique ou mot de passe incorrect.",
  account_locked: "Ce compte est temporairement verrouillé après trop de tentatives.",
  too_many_requests: "Trop de demandes en peu de temps : réessayez dans un instant.",
  attempts_throttled: "Trop de tentatives : réessayez dans un instant.",
  service_unavailable: "Le service est momentanément indisponible : réessayez dans un instant.",
  validation_error: "Certaines valeurs saisies ne sont pas valides.",
  invalid_cursor: "Cette page de résultats n’est plus valide : revenez à la première page.",
  internal_error: "Une erreur inattendue s’est produite.",
  illegal_transition: "Ce changement d’état n’est pas possible depuis l’état actuel.",
  transition_out_of_order: "Cette date est antérieure à l’étape précédente.",
  contribution_not_found: "Cette remontée n’existe plus ou ne vous est pas accessible.",
  precondition_failed: "Quelqu’un l’a modifiée entre-temps : rechargez la page et recommencez.",
};

/** Plain French for an error from the API, or from the network. */
export function problemMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return "Le serveur ne répond pas : vérifiez votre connexion.";
    const message = error.code ? MESSAGES[error.code] : undefined;
    if (message) return message;
    if (error.status === 404) return MESSAGES.not_found ?? "";
    if (error.status >= 500) return "Le service a rencontré une erreur : réessayez plus tard.";
    return "La demande n’a pas pu aboutir.";
  }
  return "Une erreur inattendue s’est produite.";
}
