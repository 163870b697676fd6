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
  publication_not_found: "Cette publication n’existe plus.",
  already_published: "Cette publication est déjà publiée.",
  publication_not_published: "Cette publication n’est pas encore publiée.",
  publication_relayed:
    "Des comités ont relayé cette publication : elle ne peut plus être supprimée.",
  axis_not_found: "Cet axe du programme de travail du HCTS n’existe pas.",
  relay_exists: "Ce comité a déjà relayé cette publication.",
  relay_not_found: "Ce relais n’existe plus.",
  seminar_not_found: "Ce séminaire n’existe plus.",
  seminar_has_registrations: "Ce séminaire a des inscriptions : il ne peut pas être supprimé.",
  registration_not_found: "Cette inscription n’existe plus.",
  registration_closed: "Les inscriptions à ce séminaire sont closes.",
  already_registered: "Cette personne est déjà inscrite.",
  not_attending: "Cette personne n’est pas inscrite à ce séminaire.",
  invalid_period: "La fin doit venir après le début.",
  user_not_found: "Ce compte n’existe plus.",
  email_taken: "Un compte utilise déjà cette adresse électronique.",
  grant_exists: "Ce compte a déjà ce rôle.",
  last_network_admin: "C’est le dernier compte de l’animation nationale : il doit le rester.",
  person_has_login: "Cette personne a déjà un compte.",
  person_not_found: "Cette personne n’existe pas.",
  deadline_passed: "La date limite est passée.",
  call_not_found: "Cet appel à candidatures n’existe plus.",
  inbox_item_not_found: "Cet élément de la boîte de réception n’existe plus.",
  body_not_found: "Cette instance n’existe plus.",
  precondition_required: "Rechargez la page et recommencez.",
  hashing_busy: "Le service est très sollicité : réessayez dans un instant.",
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
