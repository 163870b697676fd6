"""The demo's HCTS liaison, from the seeds: the 2020–2021 axes, HCTS publications named in
the 2018 launch seminar's report, the committees' college seated from 18 November 2019 to July
2021 (its seats from the seeds, its people fictional), the network's seminars from 2018,
calls for candidates, contributions in every state (the Ardèche white-paper productions sent
on 5 February 2023 among them) and newsletter issues.

Where the seeds give no date (a practice sheet's month, a remote seminar's day), the date
here is illustrative; a committee relays, contributes and proposes candidates only on days it
is in construction or active (tests/demo/test_timeline_demo.py checks both).
"""

from dataclasses import dataclass
from datetime import date, timedelta

_HCTS = (
    "https://solidarites-sante.gouv.fr/ministere/acteurs/instances-rattachees/"
    "haut-conseil-du-travail-social-hcts/rapports-et-publications-du-hcts/"
)


@dataclass(frozen=True)
class AxisSpec:
    code: str
    title: str
    position: int


# Seed 000: the HCTS work programme adopted on 18 November 2019, for February 2020 to 2021.
AXES = (
    AxisSpec(
        "hcts-2020-intervenants",
        "Les rapports entre intervenants sociaux et travailleurs sociaux, dans une logique de "
        "parcours et d'articulation entre les acteurs",
        1,
    ),
    AxisSpec(
        "hcts-2020-pratiques-emergentes",
        "L'identification de pratiques professionnelles émergentes et les conditions "
        "favorables à leur développement",
        2,
    ),
    AxisSpec(
        "hcts-2020-pratiques-reflexives",
        "Le développement des pratiques réflexives des travailleurs sociaux",
        3,
    ),
    AxisSpec(
        "hcts-2020-partage-informations",
        "Le partage d'informations (Commission éthique et déontologie du travail social)",
        4,
    ),
)


@dataclass(frozen=True)
class PublicationSpec:
    kind: str
    title: str
    published_on: date
    url: str | None
    themes: tuple[str, ...]
    axis: str | None = None
    # Committees (network keys) that relayed it: (key, channel, day).
    relays: tuple[tuple[str, str, date], ...] = ()


PUBLICATIONS = (
    PublicationSpec(
        "report",
        "Définition du travail social (transposition de la définition internationale)",
        date(2017, 5, 6),
        _HCTS + "rapports/article/definition-du-travail-social",
        ("définition du travail social",),
        relays=(("hautes_pyrenees", "meeting", date(2019, 3, 12)),),
    ),
    PublicationSpec(
        "report",
        "Participation des personnes accompagnées aux instances de gouvernance et à la "
        "formation des travailleurs sociaux",
        date(2017, 7, 3),
        _HCTS + "rapports/article/participation-des-personnes-accompagnees-aux-instances-de-"
        "gouvernance-et-a-la",
        ("participation", "personnes accompagnées"),
        relays=(
            ("ardeche", "event", date(2022, 3, 29)),
            ("la_reunion", "mailing_list", date(2019, 5, 14)),
        ),
    ),
    PublicationSpec(
        "practice_sheet",
        "Les informations à caractère personnel concernant les personnes accompagnées : des "
        "données à protéger et parfois à partager",
        date(2017, 11, 15),
        _HCTS + "publications-10990/article/les-informations-a-caractere-personnel-"
        "concernant-les-personnes-accompagnees",
        ("partage d'informations", "éthique"),
        axis="hcts-2020-partage-informations",
        relays=(("nord", "mailing_list", date(2019, 10, 15)),),
    ),
    PublicationSpec(
        "practice_sheet",
        "Le partage d'informations à caractère secret dans les commissions traitant des "
        "situations de personnes accompagnées",
        date(2018, 2, 1),
        _HCTS + "publications-10990/article/le-partage-d-informations-a-caractere-secret-"
        "dans-les-commissions-traitant-des",
        ("partage d'informations", "éthique"),
        axis="hcts-2020-partage-informations",
    ),
    PublicationSpec(
        "practice_sheet",
        "Le partage d'informations à caractère secret dans le cadre des CCAPEX",
        date(2018, 4, 10),
        _HCTS + "publications-10990/article/le-partage-d-informations-a-caractere-secret-"
        "dans-le-cadre-des-ccapex",
        ("partage d'informations", "logement"),
        axis="hcts-2020-partage-informations",
    ),
    PublicationSpec(
        "guide",
        "Guide pour créer, structurer ou consolider un comité éthique pour la pratique du "
        "travail social",
        date(2018, 6, 20),
        _HCTS + "guides-et-fiches/article/guide-pour-creer-structurer-ou-consolider-un-419683",
        ("éthique",),
        relays=(("gironde", "website", date(2021, 3, 1)),),
    ),
    PublicationSpec(
        "opinion",
        "Avis sur le travail social confronté aux dérives radicales",
        date(2017, 9, 20),
        "https://solidarites-sante.gouv.fr/IMG/pdf/avis_cedts_derives_radicales-2.pdf",
        ("éthique", "radicalisation"),
    ),
    PublicationSpec(
        "guide",
        "Quelles articulations entre travail social, médiation sociale et médiation numérique ?",
        date(2018, 7, 5),
        _HCTS + "guides-et-fiches/article/quelles-articulations-entre-travail-social-"
        "mediation-sociale-et-mediation",
        ("numérique", "médiation"),
        axis="hcts-2020-intervenants",
    ),
    PublicationSpec(
        "guide",
        "Guide d'appui à la création de comités locaux du travail social et du développement "
        "social",
        date(2019, 12, 10),
        None,
        ("ancrage territorial",),
        relays=(
            ("ardeche", "meeting", date(2021, 11, 18)),
            ("maine_et_loire", "mailing_list", date(2024, 9, 16)),
        ),
    ),
    PublicationSpec(
        "news",
        "Le HCTS adopte son programme de travail 2020–2021 : quatre axes",
        date(2019, 11, 18),
        None,
        ("programme de travail",),
    ),
    PublicationSpec(
        "news",
        "Livre blanc du travail social : journées de contribution dans les territoires",
        date(2022, 12, 5),
        None,
        ("livre blanc",),
        relays=(("ardeche", "meeting", date(2022, 12, 15)),),
    ),
)


@dataclass(frozen=True)
class MandateSpec:
    committee: str
    role: str
    seat: str


# Seed 000: "Le 18 novembre dernier, nous avons réuni le HCTS dans sa nouvelle composition, pour
# inaugurer un nouveau mandat de deux ans, qui prendra fin en juillet 2021", with the new college
# of the committees. A month alone becomes its 1st, as for the committees' steps. The seeds name
# no later college: the demo has none.
COLLEGE_STARTS = date(2019, 11, 18)
COLLEGE_ENDS = date(2021, 7, 1)
# Two titulars (Hautes-Pyrénées, PACA), one at the permanent commission, the other at the ethics
# commission, and their substitutes (Indre-et-Loire–Loir-et-Cher, Occitanie).
COLLEGE_2020 = (
    MandateSpec("hautes_pyrenees", "titular", "permanent_commission"),
    MandateSpec("indre_et_loire_loir_et_cher", "substitute", "permanent_commission"),
    MandateSpec("paca", "titular", "ethics_commission"),
    MandateSpec("occitanie", "substitute", "ethics_commission"),
)


@dataclass(frozen=True)
class SeminarSpec:
    title: str
    day: date
    mode: str
    place: str | None


# In person "dans les locaux de la Direction Générale de la Cohésion Sociale (DGCS)" (seed 003).
DGCS = "Paris, locaux de la DGCS"

# Seed 001: the launch seminar (21 September 2018, Paris), then "rendez-vous le 13 décembre
# 2018, ici même [...] il y en aura quatre au total, les deux derniers étant programmés en mars
# et juin 2019" (those two "pourraient se faire ailleurs qu'à Paris"); seed 000 is "la 5ème
# rencontre" (15 January 2020). Then "deux par an" (seed 000), "l'un en présentiel [...] DGCS et
# le second à distance" (seed 003), which names those of February, June and November 2024. Days
# the seeds do not give are illustrative (`# ~`), and so is the mode where the seeds do not
# give it: in person in June, remote in winter.
SEMINARS = (
    SeminarSpec(
        "Séminaire de lancement du réseau des comités locaux",
        date(2018, 9, 21),
        "in_person",
        "Paris",
    ),
    SeminarSpec(
        "Deuxième séminaire des territoires préfigurateurs",
        date(2018, 12, 13),
        "in_person",
        "Paris",
    ),
    SeminarSpec(
        "Troisième séminaire des territoires préfigurateurs", date(2019, 3, 21), "in_person", "Lyon"
    ),  # ~
    SeminarSpec(
        "Quatrième séminaire des territoires préfigurateurs",
        date(2019, 6, 13),
        "in_person",
        "Tours",
    ),  # ~
    SeminarSpec(
        "Séminaire des CLTSDS : ancrage territorial du HCTS",
        date(2020, 1, 15),
        "in_person",
        "Paris",
    ),
    # "IDEAL Connaissances pourra venir présenter les fonctionnalités de cet espace lors du
    # prochain séminaire" (seed 000)
    SeminarSpec("Séminaire du réseau (à distance)", date(2020, 6, 25), "remote", None),  # ~
    SeminarSpec("Séminaire du réseau (à distance)", date(2020, 11, 26), "remote", None),  # ~
    SeminarSpec("Séminaire du réseau (à distance)", date(2021, 6, 17), "remote", None),  # ~
    SeminarSpec("Séminaire du réseau", date(2021, 12, 9), "in_person", DGCS),  # ~
    SeminarSpec("Séminaire du réseau", date(2022, 6, 23), "in_person", DGCS),  # ~
    SeminarSpec("Séminaire du réseau (à distance)", date(2022, 12, 8), "remote", None),  # ~
    SeminarSpec("Séminaire du réseau", date(2023, 6, 15), "in_person", DGCS),  # ~
    # "Lors du séminaire février 2024, les comités locaux ont travaillé collectivement à la
    # rédaction de fiche projets"
    SeminarSpec(
        "Séminaire du réseau (à distance) : fiches projets", date(2024, 2, 8), "remote", None
    ),  # ~
    # "Lors du séminaire de juin 2024, le Comité Régional Occitanie [...] a partagé les projets
    # ayant impliqué des étudiant.es"
    SeminarSpec("Séminaire du réseau", date(2024, 6, 20), "in_person", DGCS),  # ~
    # "Lors d'une table ronde du séminaire de novembre 2024, les comités du Lot-et-Garonne,
    # Maine-et-Loire et Gironde se sont exprimés sur la démarche de structuration"
    SeminarSpec(
        "Séminaire du réseau (à distance) : table ronde des nouveaux comités",
        date(2024, 11, 21),
        "remote",
        None,
    ),  # ~
)


def later_seminars(until: date) -> tuple[SeminarSpec, ...]:
    """The seeds name no seminar after November 2024 but say "deux fois par an": from 2025,
    one in person in June and one remote in November (days illustrative), up to the first that
    starts after `until` (the next seminar, open for registration)."""
    specs: list[SeminarSpec] = []
    year = 2025
    while not specs or specs[-1].day <= until:
        june, november = _third_thursday(year, 6), _third_thursday(year, 11)
        specs.append(SeminarSpec("Séminaire du réseau", june, "in_person", DGCS))
        if june <= until:
            specs.append(SeminarSpec("Séminaire du réseau (à distance)", november, "remote", None))
        year += 1
    return tuple(specs)


def _third_thursday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 14)


@dataclass(frozen=True)
class CallSpec:
    title: str
    working_group: str
    deadline: date
    axis: str | None
    # Committees proposing their first pilot, and HCTS's decision (None: not decided yet).
    candidates: tuple[tuple[str, str | None], ...] = ()


CALLS = (
    CallSpec(
        "Appel à candidatures : groupe de travail « intervenants sociaux et travailleurs sociaux »",
        "Rapports entre intervenants sociaux et travailleurs sociaux",
        date(2020, 2, 28),
        "hcts-2020-intervenants",
        (
            ("la_reunion", "accepted"),
            ("loire_atlantique", "accepted"),
            ("centre_val_de_loire", "declined"),
        ),
    ),
    CallSpec(
        "Appel à candidatures : groupe de travail « pratiques réflexives »",
        "Développement des pratiques réflexives",
        date(2020, 2, 28),
        "hcts-2020-pratiques-reflexives",
        (("gironde", "accepted"), ("hautes_pyrenees", None)),
    ),
)


@dataclass(frozen=True)
class ContributionSpec:
    committee: str
    kind: str
    title: str
    body: str
    themes: tuple[str, ...]
    # The lifecycle after draft: (status, day, HCTS's response).
    steps: tuple[tuple[str, date, str | None], ...]


CONTRIBUTIONS = (
    ContributionSpec(
        "ardeche",
        "production",
        "Productions de la journée de contribution au Livre blanc (2 février 2023)",
        "Synthèse des ateliers de la journée départementale du 2 février 2023 (113 "
        "participants), envoyée au HCTS et présentée dans les groupes nationaux.",
        ("livre blanc", "participation"),
        (
            ("submitted", date(2023, 2, 5), None),
            ("acknowledged", date(2023, 2, 10), None),
            ("taken_up", date(2023, 6, 1), "Intégrée aux travaux préparatoires du Livre blanc."),
        ),
    ),
    ContributionSpec(
        "hautes_pyrenees",
        "field_question",
        "Partage d'informations entre CCAS et services départementaux",
        "Les professionnels demandent un cadre commun pour partager des informations lors des "
        "commissions de situations individuelles.",
        ("partage d'informations",),
        (
            ("submitted", date(2020, 3, 2), None),
            ("acknowledged", date(2020, 3, 20), None),
            ("answered", date(2020, 10, 5), "Voir la fiche pratique sur les commissions."),
        ),
    ),
    ContributionSpec(
        "la_reunion",
        "inspiring_practice",
        "Des binômes professionnel – personne accompagnée pour animer les ateliers",
        "Chaque atelier du comité est co-animé par un professionnel et une personne "
        "accompagnée, formés ensemble.",
        ("participation", "personnes accompagnées"),
        (("submitted", date(2021, 5, 17), None), ("acknowledged", date(2021, 6, 1), None)),
    ),
    ContributionSpec(
        "nord",
        "proposal",
        "Un annuaire national des comités locaux tenu à jour par les comités eux-mêmes",
        "Proposition d'un outil partagé où chaque comité met à jour ses contacts et ses travaux.",
        ("animation du réseau",),
        (
            ("submitted", date(2023, 5, 15), None),
            ("acknowledged", date(2023, 5, 30), None),
            ("declined", date(2023, 9, 4), "Hors du périmètre du programme de travail actuel."),
        ),
    ),
    ContributionSpec(
        "gironde",
        "emerging_issue",
        "Non-recours aux droits des jeunes sortant de l'aide sociale à l'enfance",
        "Les professionnels observent une hausse des ruptures de parcours à 18 ans.",
        ("protection de l'enfance",),
        (("submitted", date(2025, 2, 10), None),),
    ),
    ContributionSpec(
        "occitanie",
        "field_question",
        "Place des étudiants en travail social dans les instances des comités",
        "Brouillon en cours de rédaction par le COTECH.",
        ("formation",),
        (),
    ),
)


@dataclass(frozen=True)
class NewsletterSpec:
    number: int
    title: str
    published_on: date | None
    # Items: (kind, title, target) where target names a publication (its title), a
    # contribution (its title) or nothing.
    items: tuple[tuple[str, str, str | None], ...]


NEWSLETTERS = (
    NewsletterSpec(
        1,
        "Lettre du réseau n°1 : le collège des comités au HCTS",
        date(2020, 2, 10),
        (
            ("text", "Le collège des comités locaux siège au HCTS", None),
            ("publication", "Le programme de travail 2020–2021", PUBLICATIONS[9].title),
        ),
    ),
    NewsletterSpec(
        2,
        "Lettre du réseau n°2 : pratiques inspirantes",
        date(2021, 7, 1),
        (("contribution", "À La Réunion, des ateliers co-animés", CONTRIBUTIONS[2].title),),
    ),
    NewsletterSpec(
        3,
        "Lettre du réseau n°3 : le Livre blanc",
        None,
        (("contribution", "L'Ardèche contribue au Livre blanc", CONTRIBUTIONS[0].title),),
    ),
)
