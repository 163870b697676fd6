// French words for the API's English enum values.
import type { components } from "../api/schema";

export type CommitteeStatus = components["schemas"]["CommitteeStatus"];
export type Scale = components["schemas"]["Scale"];

export const STATUS_LABELS: Record<CommitteeStatus, string> = {
  reflection: "En réflexion",
  construction: "En construction",
  active: "Actif",
  dormant: "En sommeil",
  closed: "Fermé",
};

export const STATUSES = Object.keys(STATUS_LABELS) as CommitteeStatus[];

export const SCALE_LABELS: Record<Scale, string> = {
  regional: "Régional",
  departmental: "Départemental",
  interdepartmental: "Interdépartemental",
  local: "Local (bassin de vie)",
};

export const SCALES = Object.keys(SCALE_LABELS) as Scale[];

export type ProgrammeStatus = components["schemas"]["ProgrammeStatus"];
export type OrganisationType = components["schemas"]["OrganisationType"];
export type MethodStep = components["schemas"]["MethodStep"];

export const PROGRAMME_STATUS_LABELS: Record<ProgrammeStatus, string> = {
  draft: "Brouillon",
  proposed: "Proposé",
  validated: "Validé",
  in_progress: "En cours",
  closed: "Clos",
};

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  departmental_council: "Conseil départemental",
  caf: "Caisse d’allocations familiales",
  msa: "Mutualité sociale agricole",
  ccas: "CCAS",
  ars: "Agence régionale de santé",
  state_service: "Service de l’État",
  training_institute: "Établissement de formation",
  association: "Association",
  federation: "Fédération",
  crpa: "CRPA",
  university: "Université",
  other: "Autre structure",
};

export const METHOD_STEP_LABELS: Record<MethodStep, string> = {
  needs_survey: "Recueil des besoins",
  diagnostics_review: "Revue des diagnostics territoriaux",
  hcts_recommendations: "Recommandations du HCTS",
  prioritisation: "Priorisation et indicateurs",
  objectives_deliverables: "Objectifs et livrables",
  pilot_members: "Pilote et membres",
  calendar: "Calendrier",
};

export function isStatus(value: string | undefined): value is CommitteeStatus {
  return value !== undefined && value in STATUS_LABELS;
}

export function isScale(value: string | undefined): value is Scale {
  return value !== undefined && value in SCALE_LABELS;
}

export type ContributionKind = components["schemas"]["ContributionKind"];
export type ContributionStatus = components["schemas"]["ContributionStatus"];

export const CONTRIBUTION_KIND_LABELS: Record<ContributionKind, string> = {
  field_question: "Question de terrain",
  inspiring_practice: "Pratique inspirante",
  production: "Production",
  proposal: "Proposition",
  emerging_issue: "Problématique émergente",
};

export const CONTRIBUTION_STATUS_LABELS: Record<ContributionStatus, string> = {
  draft: "Brouillon",
  submitted: "Transmise",
  acknowledged: "Accusé de réception",
  taken_up: "Reprise par le HCTS",
  answered: "Réponse apportée",
  declined: "Non retenue",
};

type S = components["schemas"];
export type PublicationKind = S["PublicationKind"];
export type RelayChannel = S["RelayChannel"];
export type AttendanceStatus = S["AttendanceStatus"];
export type PersonCategory = S["PersonCategory"];
export type Role = S["Role"];

export const PUBLICATION_KIND_LABELS: Record<PublicationKind, string> = {
  report: "Rapport",
  opinion: "Avis",
  practice_sheet: "Fiche repère",
  guide: "Guide",
  recommendation: "Recommandation",
  news: "Actualité",
};

export const PUBLICATION_STATUS_LABELS: Record<S["PublicationStatus"], string> = {
  draft: "Brouillon",
  published: "Publiée",
};

export const RELAY_CHANNEL_LABELS: Record<RelayChannel, string> = {
  mailing_list: "liste de diffusion",
  meeting: "réunion",
  event: "événement",
  website: "site internet",
  social_media: "réseaux sociaux",
  other: "autre canal",
};

export const SEMINAR_MODE_LABELS: Record<S["SeminarMode"], string> = {
  in_person: "En présentiel",
  remote: "À distance",
};

export const ATTENDANCE_LABELS: Record<AttendanceStatus, string> = {
  registered: "Inscrit·e",
  present: "Présent·e",
  excused: "Excusé·e",
  absent: "Absent·e",
};

export const CATEGORY_LABELS: Record<PersonCategory, string> = {
  person_supported: "Personnes accompagnées",
  social_worker: "Travailleurs sociaux",
  manager: "Cadres",
  elected_official: "Élus",
  student: "Étudiants",
  volunteer: "Bénévoles",
  trainer_researcher: "Formateurs et chercheurs",
  institutional_partner: "Partenaires institutionnels",
  other: "Autres",
};

export const ROLE_LABELS: Record<Role, string> = {
  network_admin: "Animation nationale du réseau",
  committee_admin: "Pilote d’un comité",
  member: "Membre d’un comité",
};

export const BODY_KIND_LABELS: Record<S["BodyKind"], string> = {
  copil: "Comité de pilotage (COPIL)",
  cotech: "Comité technique (COTECH)",
  plenary: "Assemblée plénière",
  agora: "Agora",
  thematic: "Commission thématique",
  ethics: "Instance éthique",
  working_group: "Groupe de travail",
  other: "Autre instance",
};
