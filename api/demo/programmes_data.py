"""The demo's work programmes, as plain data: actions built from the seeds' themes (000 "Atelier
4" and its seven-step method, 001, 002 for the Ardèche). Items are illustrative.

Deliverable schedules are relative, so that the demo reads the same whatever the day of the
load: ("done", n) was due n days after the programme's start and delivered; ("late", n) was due
n days ago and is not delivered; ("next", n) is due in n days; ("dropped", 0) was given up;
("on", yyyymmdd) was due and delivered that day.
"""

from dataclasses import dataclass

from api.programmes.schemas import MethodStep as S
from api.programmes.schemas_deliverables import DeliverableKind as K

# Codes of api.programmes.service_tags.REFERENCE_TAGS.
POVERTY = "strategie-pauvrete"
GT12 = "strategie-pauvrete-gt12-acces-droits"
GT13 = "strategie-pauvrete-gt13-formation"
GT14 = "strategie-pauvrete-gt14-participation"
CHILDREN = "strategie-protection-enfance"
H_PEERS = "hcts-2020-intervenants-travailleurs-sociaux"
H_EMERGING = "hcts-2020-pratiques-emergentes"
H_REFLEXIVE = "hcts-2020-pratiques-reflexives"
H_SHARING = "hcts-2020-partage-informations"


@dataclass(frozen=True)
class Output:
    title: str
    kind: K
    schedule: tuple[str, int]
    link: str | None = None


# What a counted gauge counts in the demo's own data, on the day of each measurement:
CARD_HOLDERS = "card_holders"  # people holding a member card of the committee
PERSONS_SUPPORTED = "persons_supported"  # personnes accompagnées members of the committee
GROUP_PERSONS_SUPPORTED = "group_persons_supported"  # ... members of the action's group


@dataclass(frozen=True)
class Gauge:
    """An indicator. Measured evenly between the programme's start and the earlier of its end
    and today: `values` where the demo has no data to count (illustrative), else what `counts`
    counts, MEASURES times, with the count on the first day as the baseline."""

    name: str
    unit: str | None
    baseline: float | None
    target: float
    values: tuple[float, ...] = ()
    counts: str | None = None


MEASURES = 3


@dataclass(frozen=True)
class Act:
    title: str
    theme: str
    objectives: str
    step: S
    tags: tuple[str, ...]
    outputs: tuple[Output, ...] = ()
    gauge: Gauge | None = None
    group: str | None = None  # Ardèche: ref of a working group


# Each committee's programme takes a few consecutive entries (the network's common themes).
ACTIONS = (
    Act("Mobiliser les personnes accompagnées au sein du comité",
        "Participation des personnes accompagnées",
        "S'appuyer sur les CRPA ; un travailleur social vient aux réunions avec les personnes "
        "qu'il accompagne ; clarifier le mandat de chacun.",
        S.needs_survey, (GT14, H_PEERS),
        (Output("Questionnaire aux professionnels sur les besoins", K.report, ("done", 90)),
         Output("Charte d'accueil des personnes concernées", K.practice_sheet, ("late", 40))),
        Gauge("Personnes accompagnées membres du comité", "personnes", None, 10,
              counts=PERSONS_SUPPORTED)),
    Act("Accès aux droits : lever les freins au non-recours", "Accès aux droits",
        "Revue des diagnostics territoriaux ; repérer les ruptures de droits et les démarches "
        "numériques qui excluent.",
        S.diagnostics_review, (GT12, POVERTY),
        (Output("Revue des schémas départementaux et diagnostics", K.report, ("done", 150)),
         Output("Journée départementale sur le non-recours", K.event, ("next", 80)))),
    Act("Aller-vers les personnes éloignées des institutions", "Aller-vers",
        "Recenser les pratiques d'aller-vers du territoire et les conditions de leur "
        "développement.",
        S.hcts_recommendations, (H_EMERGING, POVERTY),
        (Output("Fiche pratique : l'aller-vers en milieu rural", K.practice_sheet, ("late", 25)),),
        Gauge("Pratiques d'aller-vers recensées", "pratiques", 0, 15, (4, 9))),
    Act("Attractivité des métiers du travail social", "Attractivité des métiers",
        "Campagne de communication positive sur la variété des métiers ; témoignages de terrain "
        "dans les centres de formation.",
        S.prioritisation, (GT13,),
        (Output("Campagne « Je deviendrai travailleur social ! »", K.communication, ("done", 200)),
         Output("Module de formation avec des travailleurs pairs", K.training, ("next", 120))),
        Gauge("Étudiants touchés par les interventions", "étudiants", 0, 300, (60, 140, 210))),
    Act("Réécrire les courriers administratifs en FALC", "Langage et courriers (FALC)",
        "Rendre lisibles les courriers des institutions, avec les personnes concernées, en "
        "français facile à lire et à comprendre.",
        S.objectives_deliverables, (GT14, GT12),
        (Output("Courriers types réécrits en FALC", K.report, ("late", 60)),
         Output("Guide de réécriture FALC", K.practice_sheet, ("next", 45)))),
    Act("Protection de l'enfance : partager l'information à bon escient",
        "Protection de l'enfance",
        "Décloisonner les champs : temps d'échange entre services de l'ASE, de la PMI et du "
        "service social sur le partage d'informations.",
        S.pilot_members, (CHILDREN, H_SHARING),
        (Output("Séminaire inter-services sur le secret partagé", K.event, ("done", 120)),
         Output("Repères sur le partage d'informations", K.practice_sheet, ("dropped", 0)))),
    Act("Analyse des pratiques et réflexivité des professionnels", "Pratiques réflexives",
        "Ouvrir des espaces d'analyse des pratiques et en faire remonter les constats au HCTS.",
        S.calendar, (H_REFLEXIVE,),
        (Output("Calendrier des séances d'analyse des pratiques", K.other, ("done", 30)),
         Output("Synthèse transmise au HCTS", K.report, ("late", 15))),
        Gauge("Séances d'analyse des pratiques tenues", "séances", 0, 12, (2, 5, 7))),
)  # fmt: skip

# Ardèche (seed 002): working groups as (ref, title, theme, mandate, status, start, end); the
# members are those of the body of the same ref (participation_ardeche.ARDECHE_BODIES).
ARDECHE_GROUPS = (
    ("access", "Accès aux droits", "Accès aux droits", None, "closed", "2022-05-01",
     "2023-10-17"),
    ("dpa", "Développement du pouvoir d'agir", "Participation",
     "Définir collectivement le pouvoir d'agir ; réfléchir, échanger, confronter les points de "
     "vue ; identifier des marges de manœuvre. L'envie du groupe : passer à l'acte.",
     "closed", "2022-05-01", "2023-10-17"),
    ("attract", "Attractivité des métiers", "Attractivité des métiers",
     "« Allez viens ! » : campagne de communication positive, formation au plus près du "
     "terrain.", "closed", "2022-05-01", "2023-10-17"),
    ("falc", "Langage et courriers administratifs (FALC)", "Langage et représentations",
     "Réécriture des courriers administratifs ; supports de sensibilisation au vocabulaire.",
     "active", "2023-11-20", None),
    ("pairs", "Travailleurs pairs et travailleurs sociaux en CMS", "Travail pair",
     "Expérimentation : complémentarité travailleurs pairs / travailleurs sociaux en CMS.",
     "active", "2023-11-20", None),
)  # fmt: skip

# The first programme (2022-2023): proposed by the COTECH, validated by the COPIL, closed when
# the agora replaced them. Done outputs here are (kind "done", fixed delivery day).
ARDECHE_FIRST = (
    Act("Recenser les freins à l'accès aux droits", "Accès aux droits",
        "Partir des situations vécues par les personnes concernées et les professionnels.",
        S.needs_survey, (GT12, POVERTY),
        (Output("Cartographie des freins à l'accès aux droits en Ardèche", K.report,
           ("on", 20230315)),), group="access"),
    Act("Définir collectivement le pouvoir d'agir", "Participation",
        "Réfléchir, échanger, confronter les points de vue ; passer à l'acte.",
        S.objectives_deliverables, (GT14, H_PEERS),
        (Output("Fiche : le pouvoir d'agir, une définition partagée", K.practice_sheet,
           ("on", 20230420)),),
        Gauge("Personnes concernées dans le groupe", "personnes", None, 6,
              counts=GROUP_PERSONS_SUPPORTED), group="dpa"),
    Act("Allez viens ! Donner envie des métiers du travail social", "Attractivité des métiers",
        "Représenter le terrain dans les formations ; communication positive sur les métiers.",
        S.prioritisation, (GT13,),
        (Output("Témoignages de terrain dans les formations d'Ocellia", K.training,
           ("on", 20230330)),
         Output("Campagne de communication positive", K.communication, ("dropped", 0))),
        group="attract"),
    Act("Contribuer au Livre blanc du travail social", "Livre blanc du travail social",
        "Une journée départementale de contribution, à l'invitation du HCTS.",
        S.hcts_recommendations, (H_REFLEXIVE, H_EMERGING),
        (Output("Journée départementale de contribution", K.event, ("on", 20230202)),
         Output("Productions de la journée envoyées au HCTS", K.report, ("on", 20230205)))),
)  # fmt: skip

# The current programme, from the agora's "actions 2023 / 2024".
ARDECHE_CURRENT = (
    Act("Réécrire les courriers administratifs en FALC", "Langage et courriers (FALC)",
        "Avec les personnes concernées, réécrire les courriers de la CAF et du Département.",
        S.objectives_deliverables, (GT14, GT12),
        (Output("Trois courriers de la CAF réécrits en FALC", K.report, ("on", 20240614)),
         Output("Guide de réécriture FALC des courriers du Département", K.practice_sheet,
           ("late", 55))),
        Gauge("Courriers administratifs réécrits en FALC", "courriers", 0, 20, (3, 8, 12)),
        group="falc"),
    Act("Sensibiliser au vocabulaire du travail social", "Langage et représentations",
        "Des supports pour interroger le vocabulaire utilisé avec les personnes.",
        S.calendar, (H_REFLEXIVE,),
        (Output("Lexique partagé du travail social", K.communication, ("next", 40)),),
        group="falc"),
    Act("Travailleurs pairs et travailleurs sociaux en CMS", "Travail pair",
        "Expérimenter la complémentarité dans deux centres médico-sociaux.",
        S.pilot_members, (H_PEERS, H_EMERGING),
        (Output("Protocole d'expérimentation dans deux CMS", K.report, ("on", 20240329)),
         Output("Bilan de l'expérimentation", K.report, ("late", 20))),
        Gauge("CMS participant à l'expérimentation", "CMS", 0, 4, (2, 3)), group="pairs"),
    Act("Communiquer auprès des professionnels, des personnes, des décideurs et des élus",
        "Communication", "Faire connaître le CLTS et ses travaux.",
        S.prioritisation, (POVERTY,),
        (Output("Rencontre avec les élus du Département", K.event, ("next", 75)),)),
    Act("Évaluer l'impact social du CLTS", "Évaluation",
        "Mesurer ce que le comité change pour ses membres et le territoire.",
        S.needs_survey, (H_REFLEXIVE,),
        (Output("Évaluation d'impact social du CLTS", K.report, ("next", 150)),),
        Gauge("Membres actifs (carte de membre)", "personnes", None, 40, counts=CARD_HOLDERS)),
)  # fmt: skip
