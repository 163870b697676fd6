"""The demo's committees as plain data: each one's scale, territory, carriers and status history.

Sources: the seeds beside DESIGN.md (001: network launch seminar, 2018-09-21; 000: network
seminar, 2020-01-15; 002 and 004: the Ardèche committee; 003: fiche repère, January 2024).
A seed's date is used as given; a month alone becomes the 1st. Steps marked `# ~` are
illustrative: the seeds imply the step, not its date.
"""

from dataclasses import dataclass
from datetime import date

from api.committees.schemas import CommitteeStatus, Scale

R = CommitteeStatus.reflection
C = CommitteeStatus.construction
A = CommitteeStatus.active
D = CommitteeStatus.dormant


@dataclass(frozen=True)
class Step:
    status: CommitteeStatus
    effective_on: date


@dataclass(frozen=True)
class DemoCommittee:
    key: str
    name: str
    short_name: str
    scale: Scale
    steps: tuple[Step, ...]  # the first is `reflection`; the loader replays them in order
    region_codes: tuple[str, ...] = ()
    department_codes: tuple[str, ...] = ()
    parent: str | None = None  # key of a committee listed earlier
    carrying_organisations: tuple[str, ...] = ()
    description: str | None = None


def history(*steps: tuple[CommitteeStatus, str]) -> tuple[Step, ...]:
    return tuple(Step(status, date.fromisoformat(on)) for status, on in steps)


# The AMI préfigurateurs: the launch seminar opens their préfiguration (no earlier date known).
AMI = ((R, "2018-09-21"), (C, "2018-09-21"))
# "Les premiers ont été créés en 2019": day unknown, before the HCTS college of 2019-11-18.
CREATED_2019 = (A, "2019-06-01")  # ~
# Said at the 2020 seminar: "certains territoires ne pourront pas donner suite pour le moment".
STALLED_2020 = (R, "2020-01-15")
# Named at the 2020 seminar as wanting to join: Guadeloupe, Orne, Yonne.
CANDIDATE_2020 = (R, "2020-01-15")


def _cltsds(of: str) -> str:
    return f"Comité local du travail social et du développement social {of}"


REGIONAL = (
    DemoCommittee(
        key="occitanie",
        name="Comité régional du travail social et du développement social d'Occitanie",
        short_name="CRTSDS Occitanie",
        scale=Scale.regional,
        region_codes=("76",),
        steps=history(*AMI, CREATED_2019),
        description=(
            "Suppléant au collège des comités locaux du HCTS de novembre 2019 à juillet 2021."
        ),
    ),
    DemoCommittee(
        key="paca",
        name=_cltsds("de Provence-Alpes-Côte d'Azur"),
        short_name="CLTSDS PACA",
        scale=Scale.regional,
        region_codes=("93",),
        carrying_organisations=("URIOPSS PACA/Corse", "UNAFORIS", "CRPA"),
        steps=history(*AMI, CREATED_2019),
        description=(
            "Initiative régionale animée dans chaque département ; titulaire au collège des "
            "comités locaux du HCTS de novembre 2019 à juillet 2021."
        ),
    ),
    DemoCommittee(
        key="centre_val_de_loire",
        name=_cltsds("régional Centre-Val de Loire"),
        short_name="CLTSDS Centre-Val de Loire",
        scale=Scale.regional,
        region_codes=("24",),
        carrying_organisations=("URIOPSS Centre-Val de Loire",),
        steps=history(*AMI, CREATED_2019),
        description="Territoire préfigurateur accompagné par l'Ansa depuis 2018.",
    ),
    DemoCommittee(
        key="auvergne_rhone_alpes",
        name="Comité régional du travail social et du développement social Auvergne-Rhône-Alpes",
        short_name="CRTSDS Auvergne-Rhône-Alpes",
        scale=Scale.regional,
        region_codes=("84",),
        # Préfigurateur in 2018, not among the 13 of 2020; the 4th regional of 2024.
        steps=history(*AMI, STALLED_2020, (C, "2021-09-01"), (A, "2022-10-01")),  # ~
        description="Territoire préfigurateur accompagné par l'Ansa depuis 2018.",
    ),
    DemoCommittee(
        key="corse",
        name=_cltsds("de Corse"),
        short_name="CLTSDS Corse",
        scale=Scale.regional,
        region_codes=("94",),
        department_codes=("2A", "2B"),
        # "En cours de construction" in the 2024 fiche; in reflection in January 2024.
        steps=history((R, "2023-03-01"), (C, "2024-06-01")),  # ~
    ),
)

DEPARTMENTAL = (
    DemoCommittee(
        key="hautes_pyrenees",
        name=_cltsds("des Hautes-Pyrénées"),
        short_name="CLTSDS 65",
        scale=Scale.departmental,
        department_codes=("65",),
        parent="occitanie",
        carrying_organisations=("Conseil départemental des Hautes-Pyrénées",),
        steps=history(*AMI, CREATED_2019),
        description=(
            "Gouvernance par bassins de vie, en partenariat avec les services de l'État et "
            "l'UDCCAS ; titulaire au collège des comités locaux du HCTS de novembre 2019 à "
            "juillet 2021."
        ),
    ),
    DemoCommittee(
        key="indre_et_loire_loir_et_cher",
        name=_cltsds("d'Indre-et-Loire et de Loir-et-Cher"),
        short_name="CLTSDS 37-41",
        scale=Scale.interdepartmental,
        department_codes=("37", "41"),
        carrying_organisations=(
            "Conseil départemental d'Indre-et-Loire",
            "Conseil départemental de Loir-et-Cher",
        ),
        steps=history(*AMI, (A, "2019-09-17")),  # launch day, 160 participants
        description=(
            "Suppléant au collège des comités locaux du HCTS de novembre 2019 à juillet 2021."
        ),
    ),
    DemoCommittee(
        key="loire_atlantique",
        name=_cltsds("de Loire-Atlantique"),
        short_name="CLTSDS 44",
        scale=Scale.departmental,
        department_codes=("44",),
        carrying_organisations=("Conseil départemental de Loire-Atlantique", "ARIFTS"),
        steps=history(*AMI, (A, "2019-09-06")),  # inaugural plenary
    ),
    DemoCommittee(
        key="la_reunion",
        name="Comité du travail social de La Réunion",
        short_name="CLTSDS 974",
        scale=Scale.departmental,
        department_codes=("974",),
        carrying_organisations=("Conseil départemental de La Réunion",),
        steps=history(*AMI, (A, "2019-11-01")),  # first plenary, November 2019
        description="70 membres ; plan d'action 2020 : charte, comité thématique, inauguration.",
    ),
    DemoCommittee(
        key="gironde",
        name=_cltsds("de la Gironde"),
        short_name="CLTSDS 33",
        scale=Scale.departmental,
        department_codes=("33",),
        # Speaks at the 2020 seminar, then presented again as a new member in November 2024.
        steps=history(*AMI, (A, "2019-10-01"), (D, "2021-06-01"), (A, "2024-11-01")),  # ~
    ),
    DemoCommittee(
        key="nord",
        name=_cltsds("du Nord"),
        short_name="CLTSDS 59",
        scale=Scale.departmental,
        department_codes=("59",),
        steps=history(*AMI, STALLED_2020, (C, "2021-06-01"), (A, "2023-03-01")),  # ~
        description="Territoire préfigurateur accompagné par l'Ansa depuis 2018.",
    ),
    DemoCommittee(
        key="ardeche",
        name="Comité local du travail social de l'Ardèche",
        short_name="CLTS 07",
        scale=Scale.departmental,
        department_codes=("07",),
        carrying_organisations=("Conseil départemental de l'Ardèche", "Ocellia"),
        # Préfiguration "depuis mars 2021"; launch day 2022-03-29 at Guilherand-Granges.
        steps=history((R, "2021-03-01"), (C, "2021-03-01"), (A, "2022-03-29")),
        description=(
            "Copiloté par le Département de l'Ardèche et Ocellia ; gouvernance en mode agora, "
            "ouverte à tous, depuis le 18 octobre 2023."
        ),
    ),
    # Presented as new members at the November 2024 seminar, structuring their committee.
    DemoCommittee(
        key="lot_et_garonne",
        name=_cltsds("de Lot-et-Garonne"),
        short_name="CLTSDS 47",
        scale=Scale.departmental,
        department_codes=("47",),
        steps=history((R, "2023-06-01"), (C, "2024-06-01")),  # ~
    ),
    DemoCommittee(
        key="maine_et_loire",
        name=_cltsds("de Maine-et-Loire"),
        short_name="CLTSDS 49",
        scale=Scale.departmental,
        department_codes=("49",),
        steps=history((R, "2023-09-01"), (C, "2024-09-01")),  # ~
    ),
)

# PACA: one committee per département, two in the Bouches-du-Rhône (seed 000). The Hautes-Alpes
# one sleeps in 2022-2023 (illustrative).
_PACA_DEPARTMENTS = (
    ("04", "des Alpes-de-Haute-Provence", ()),
    ("05", "des Hautes-Alpes", ((D, "2022-09-01"), (A, "2023-06-01"))),  # ~
    ("06", "des Alpes-Maritimes", ()),
    ("83", "du Var", ()),
    ("84", "de Vaucluse", ()),
)
PACA_DEPARTMENTAL = tuple(
    DemoCommittee(
        key=f"paca_{code}",
        name=_cltsds(of),
        short_name=f"CLTSDS {code}",
        scale=Scale.departmental,
        department_codes=(code,),
        parent="paca",
        steps=history(*AMI, CREATED_2019, *later),
    )
    for code, of, later in _PACA_DEPARTMENTS
)

# Bassin-de-vie committees. Seed 000 names the two of the Bouches-du-Rhône; for the
# Hautes-Pyrénées it says "six territoires infra-départementaux" and that bringing them all in
# is the hard part, so four are active and two still in reflection. Their names are
# illustrative.
_HP_BASSINS = (
    ("Tarbes", True),
    ("Lourdes et vallées des Gaves", True),
    ("Haute-Bigorre", True),
    ("Plateau de Lannemezan", True),
    ("Val d'Adour", False),
    ("Neste-Barousse", False),
)
LOCAL = (
    *(
        DemoCommittee(
            key=f"paca_13_{slug}",
            name=_cltsds(f"de {area}"),
            short_name=f"CLTSDS 13 {area}",
            scale=Scale.local,
            department_codes=("13",),
            parent="paca",
            steps=history(*AMI, CREATED_2019),
        )
        for slug, area in (("marseille_aix", "Marseille-Aix"), ("tarascon_arles", "Tarascon-Arles"))
    ),
    *(
        DemoCommittee(
            key=f"hautes_pyrenees_{i}",
            name=f"Comité de bassin de vie {bassin} (CLTSDS 65)",
            short_name=f"CLTSDS 65 {bassin}",
            scale=Scale.local,
            department_codes=("65",),
            parent="hautes_pyrenees",
            steps=history(*AMI, CREATED_2019) if active else history((R, "2019-06-01")),  # ~
        )
        for i, (bassin, active) in enumerate(_HP_BASSINS, start=1)
    ),
)


def _territory(code: str, of: str, *steps: tuple[CommitteeStatus, str]) -> DemoCommittee:
    return DemoCommittee(
        key=f"d{code}",
        name=_cltsds(of),
        short_name=f"CLTSDS {code}",
        scale=Scale.departmental,
        department_codes=(code,),
        steps=history(*steps),
    )


# Territories the seeds do not name one by one but the figures need. Guadeloupe, Orne and
# Yonne are named in 2020 as wanting to join; their later steps are illustrative, and so are
# the other départements below, chosen as plausible.
TERRITORIES = (
    # In préfiguration on 2022-03-29, with Auvergne-Rhône-Alpes and Nord: "les 8".
    _territory("971", "de la Guadeloupe", CANDIDATE_2020, (C, "2021-01-01"), (A, "2023-01-01")),
    _territory("61", "de l'Orne", CANDIDATE_2020, (C, "2021-03-01"), (A, "2022-12-01")),
    _territory("89", "de l'Yonne", CANDIDATE_2020, (C, "2021-10-01"), (A, "2023-06-01")),
    _territory("29", "du Finistère", (R, "2021-01-01"), (C, "2021-06-01"), (A, "2023-09-01")),
    # ... and these two stalled, back in reflection by 2024.
    _territory("51", "de la Marne", (R, "2021-01-01"), (C, "2021-09-01"), (R, "2023-03-01")),
    _territory("86", "de la Vienne", (R, "2021-03-01"), (C, "2022-06-01"), (R, "2023-06-01")),
    # In reflection in January 2024.
    _territory("80", "de la Somme", (R, "2022-06-01")),
    _territory("17", "de la Charente-Maritime", (R, "2022-09-01")),
    _territory("25", "du Doubs", (R, "2023-01-01")),
    _territory("22", "des Côtes-d'Armor", (R, "2023-05-01")),
    _territory("972", "de la Martinique", (R, "2023-09-01")),
    _territory("31", "de la Haute-Garonne", (R, "2023-11-01")),
)
