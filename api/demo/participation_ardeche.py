"""The Ardèche committee's participation story, as plain data (seeds 002 and 004).

From the launch day of 29 March 2022 the committee ran a COPIL and a COTECH with three working
groups; after a year (bilan à un an, COPIL-COTECH of 17 May 2023) it moved to an *agora*
governance, adopted at Agora n°1 on 18 October 2023 (27 present). People are fictional; the
organisations are those seed 004 names. Items marked `# ~` are illustrative.
"""

from dataclasses import dataclass
from datetime import date

from api.bodies.schemas import BodyKind as BODY
from api.demo.participation_data import (
    ADSEA07,
    CAF07,
    CCAS_ANNONAY,
    CD07,
    COMITE_D_BASE,
    CRPA_ARA,
    FAS_ARA,
    MSA07,
    OCELLIA,
    SOLEN,
    UDAF07,
    UDCCAS07,
    Count,
    MeetingSpec,
)
from api.meetings.schemas import HeadcountCategory, MeetingMode
from api.meetings.schemas import MeetingKind as K
from api.people.schemas import PersonCategory as P

ARDECHE = "ardeche"
PREFIGURATION = date(2021, 3, 1)  # "depuis mars 2021, un noyau dur [...] a travaillé"
WORKING_GROUPS_START = date(2022, 5, 1)  # ~
AGORA_DAY = date(2023, 10, 18)
LATER_GROUPS_START = date(2023, 11, 20)  # ~
# The member login reads this person's record: a personne concernée of the first COTECH.
MEMBER_REF = "ines"

ARDECHE_BODIES = {
    "copil": (BODY.copil, "Comité de pilotage", "Gouvernance initiale (2022-2023)."),
    "cotech": (BODY.cotech, "Comité technique", "Gouvernance initiale (2022-2023)."),
    "access": (BODY.working_group, "Accès aux droits", None),
    "dpa": (
        BODY.working_group,
        "Développement du pouvoir d'agir",
        "Définir collectivement le pouvoir d'agir ; identifier des marges de manœuvre.",
    ),
    "attract": (BODY.working_group, "Attractivité des métiers", None),
    "agora": (
        BODY.agora,
        "Agora",
        "Gouvernance partagée et horizontale depuis le 18 octobre 2023 : instances ouvertes à "
        "tous, préparées collégialement ; seuls les présents le jour J votent.",
    ),
    "falc": (BODY.working_group, "Langage et courriers administratifs (FALC)", None),
    "pairs": (BODY.working_group, "Travailleurs pairs et travailleurs sociaux en CMS", None),
}


@dataclass(frozen=True)
class Member:
    ref: str
    category: P
    organisation: str | None
    seat: str | None  # pilot, secretariat, copil, substitute, cotech; None: a working group only
    group: str | None = None  # working group of 2022-2023
    agora: str | None = None  # attendance at the agora of 18 October 2023
    vote: str | None = None  # ballot on the new governance
    later: str | None = None  # working group of 2023-2024


PRESENT, EXCUSED, ABSENT = "present", "excused", "absent"
FOR, AGAINST, ABSTAIN = "for", "against", "abstain"
M = Member
# 27 present (22 for, 1 against, 2 abstentions, 2 who did not vote), 4 excused, 3 absent.
# Everyone present but the pilots and the secretariat becomes an active member (seed 002).
ARDECHE_MEMBERS = (
    M("vp", P.elected_official, CD07, "pilot", agora=PRESENT, vote=FOR),
    M("dtas", P.manager, CD07, "pilot", agora=PRESENT, vote=FOR),
    M("ocellia", P.manager, OCELLIA, "pilot", agora=PRESENT, vote=FOR),
    M("projets", P.manager, CD07, "secretariat", agora=PRESENT),  # takes the minutes
    M("action_sociale", P.manager, CD07, "secretariat", agora=PRESENT, vote=FOR),
    M("caf", P.institutional_partner, CAF07, "copil", agora=EXCUSED),
    M("msa", P.institutional_partner, MSA07, "copil", agora=ABSENT),
    M("udaf", P.manager, UDAF07, "copil", agora=PRESENT, vote=FOR),
    M("udccas", P.elected_official, UDCCAS07, "copil", agora=PRESENT, vote=ABSTAIN),
    M("adsea", P.manager, ADSEA07, "copil", agora=EXCUSED),
    M("annonay", P.manager, CCAS_ANNONAY, "copil", agora=PRESENT, vote=FOR, later="pairs"),
    M("fas", P.manager, FAS_ARA, "copil"),
    M("solen", P.manager, SOLEN, "copil", agora=PRESENT, vote=FOR),
    M("crpa", P.person_supported, CRPA_ARA, "copil", agora=PRESENT, vote=FOR, later="falc"),
    M("caf_s", P.institutional_partner, CAF07, "substitute", agora=PRESENT, vote=FOR),
    M("elu_s", P.elected_official, CD07, "substitute"),
    M("cdb_s", P.volunteer, COMITE_D_BASE, "substitute"),
    M(MEMBER_REF, P.person_supported, None, "cotech", "dpa", PRESENT, FOR, "falc"),
    M("pair2", P.person_supported, None, "cotech", "dpa", PRESENT, FOR, "pairs"),
    M("pair3", P.person_supported, COMITE_D_BASE, "cotech", "access", PRESENT, AGAINST),
    M("pair4", P.person_supported, SOLEN, "cotech", "dpa", ABSENT),
    M("ts1", P.social_worker, CD07, "cotech", "access", PRESENT, FOR, "pairs"),
    M("ts2", P.social_worker, CD07, "cotech", "attract", PRESENT, FOR),
    M("ts3", P.social_worker, CD07, "cotech", "access", EXCUSED),
    M("ts4", P.social_worker, CCAS_ANNONAY, "cotech", "access", PRESENT, FOR, "falc"),
    M("ts5", P.social_worker, SOLEN, "cotech", "dpa", PRESENT, FOR),
    M("ts6", P.social_worker, ADSEA07, "cotech", "attract"),
    M("partner1", P.institutional_partner, CAF07, "cotech", "access", EXCUSED),
    M("partner2", P.manager, UDAF07, "cotech"),
    M("student", P.student, OCELLIA, "cotech", "attract", ABSENT),
    M("researcher", P.trainer_researcher, OCELLIA, "cotech", "attract", PRESENT, ABSTAIN),
    M("wg_vol", P.volunteer, COMITE_D_BASE, None, "dpa", PRESENT, FOR, "falc"),
    M("wg_ts", P.social_worker, MSA07, None, "access"),
    M("wg_trainer", P.trainer_researcher, OCELLIA, None, "attract"),
    M("wg_ps", P.person_supported, None, None, "dpa", PRESENT, FOR),
    # Newcomers: the agora is open to all; they join as active members that day.
    M("new_ts1", P.social_worker, CD07, None, agora=PRESENT, vote=FOR, later="pairs"),
    M("new_ts2", P.social_worker, UDCCAS07, None, agora=PRESENT, vote=FOR),
    M("new_ps1", P.person_supported, None, None, agora=PRESENT, vote=FOR, later="falc"),
    M("new_ps2", P.person_supported, CRPA_ARA, None, agora=PRESENT, vote=FOR),
    M("new_student", P.student, OCELLIA, None, agora=PRESENT, vote=FOR),
    M("new_vol", P.volunteer, COMITE_D_BASE, None, agora=PRESENT),  # came late
)

# Network.ARDECHE_LAUNCH_DAY counts as the release does; here are the headcount's categories.
LAUNCH_CATEGORIES = {
    "professionals": HeadcountCategory.professional,
    "students": HeadcountCategory.student,
    "elected_officials": HeadcountCategory.elected_official,
    "resource_persons_persons_concerned_volunteers": HeadcountCategory.resource_person,
}
LAUNCH_HOURS = ("10:00", 6.0)  # "10H À 16H" (seed 002)

_AGORA_MOTION_TEXT = (
    "Gouvernance partagée et horizontale : des instances collectives de décision ouvertes à "
    "tous et préparées collégialement, où seuls les présents le jour J votent ; des membres "
    "actifs volontaires, engagés pour un an, qui reçoivent leur carte de membre."
)
AGORA_MOTION = ("Nouvelle gouvernance du CLTS 07 en mode agora", _AGORA_MOTION_TEXT)
AGORA = MeetingSpec(
    K.agora, "Agora n°1", "2023-10-18T14:00", 3, "Privas", "agora",  # time and place ~
    attendance=False,  # recorded by name from ARDECHE_MEMBERS
    agenda="Présentation de la nouvelle gouvernance soumise au vote\n"
    "Présentation des actions 2023 / 2024\nConstitution des groupes de travail",
    decisions=(
        "La nouvelle gouvernance en mode agora est adoptée ({for_} pour, {against} contre, "
        "{abstain} abstentions).",
        "Groupes de travail 2023-2024 : langage et courriers administratifs (FALC) ; "
        "complémentarité travailleurs pairs / travailleurs sociaux en CMS.",
        "Sujets de fond : communication auprès des travailleurs sociaux, des personnes "
        "concernées, des décideurs et des élus ; évaluation de l'impact social du CLTS.",
    ),
)  # fmt: skip
# A transport claim by the member login's person, for the agora (still to be decided).
AGORA_CLAIM = ("14.20", "Bus aller-retour pour l'agora n°1")

ARDECHE_MEETINGS = (
    MeetingSpec(K.body_meeting, "Comité technique", "2022-05-10T14:00", 2.5, "Privas",
                "cotech"),  # ~
    MeetingSpec(K.body_meeting, "Comité de pilotage", "2022-06-14T14:00", 2, "Privas",
                "copil"),  # ~
    MeetingSpec(K.body_meeting, "Comité technique", "2022-09-20T14:00", 2.5, "Privas",
                "cotech", MeetingMode.hybrid),  # ~
    MeetingSpec(K.working_group_session, "Groupe de travail « Accès aux droits »",
                "2022-10-04T09:30", 3, "Aubenas", "access"),  # ~
    MeetingSpec(K.working_group_session, "Groupe de travail « Développement du pouvoir d'agir »",
                "2022-10-11T09:30", 3, "Ocellia Valence", "dpa",  # ~
                decisions=("Passer à l'acte : chercher ensemble comment faire, avec quelles "
                           "ressources.",)),
    MeetingSpec(K.working_group_session, "Groupe de travail « Attractivité des métiers »",
                "2022-10-18T09:30", 3, "Ocellia Valence", "attract"),  # ~
    MeetingSpec(K.body_meeting, "Comité de pilotage exceptionnel : invitation du HCTS",
                "2022-12-13T14:00", 1.5, None, "copil", MeetingMode.remote,  # day ~
                decisions=("Proposer au HCTS d'organiser en Ardèche une journée départementale "
                           "de contribution au Livre blanc du travail social.",)),
    MeetingSpec(K.other, "Journée de contribution au Livre blanc du travail social",
                "2023-02-02T09:30", 6.5, None, attendance=False,
                headcount=Count(113, ((HeadcountCategory.professional, 73),
                                      (HeadcountCategory.resource_person, 31),
                                      (HeadcountCategory.student, 5),
                                      (HeadcountCategory.elected_official, 4))),
                decisions=("Les productions de la journée seront envoyées au HCTS le 5 février "
                           "2023 et présentées dans les groupes nationaux.",)),
    MeetingSpec(K.body_meeting, "COPIL et COTECH : bilan à un an", "2023-05-17T14:00", 3,
                "Privas", "copil", joint="cotech",  # place ~
                agenda="Mobilisation et représentativité\nÉvolutions de la gouvernance",
                decisions=("Simplifier la gouvernance et renforcer l'horizontalité : une agora "
                           "ouverte à tous sera soumise au vote le 18 octobre 2023.",
                           "Réduire la durée de l'engagement à un an ; valoriser l'implication "
                           "des membres (carte de membre, lettre de mission).")),
    MeetingSpec(K.other, "Webinaire : retour d'expérience sur la gouvernance partagée",
                "2023-11-28T10:00", 1.5, None, mode=MeetingMode.remote,  # time ~
                attendance=False),
    MeetingSpec(K.working_group_session, "Groupe de travail FALC : réécrire les courriers",
                "2024-01-16T09:30", 3, "Privas", "falc"),  # ~
)  # fmt: skip
