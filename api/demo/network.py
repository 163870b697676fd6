"""The demo network as plain data: its committees in loading order (their tables are in
network_data.py), the seed dates its figures are checked on, demo logins, and the Ardèche
launch day's headcount.

The histories reproduce the published figures (checked in tests/demo/test_demo.py):
- 2020-01-15, "13 comités locaux, qui sont tous représentés ici": 13 active. They are the
  eight committees that speak at that seminar plus PACA's five departmental ones ("un comité
  local dans chaque département, sauf pour les Bouches-du-Rhône qui en comptent deux").
- 2022-03-29, "Douze comités locaux sont actifs à ce jour [...] Huit nouveaux territoires sont
  en cours de création, dont l'Ardèche": 12 active, 8 in construction, Ardèche among the 8.
  The release describes the network as it stood when the launch day began: Ardèche's step to
  active is dated that day, so the figures are those at the end of 2022-03-28 (AS_RELEASED).
- 2024-01-15, "19 comités actifs [...] 4 comités régionaux, 15 comités départementaux, 11
  territoires en cours de réflexion": the 15 include 37-41 (interdepartmental).
The figures count regional, departmental and interdepartmental committees (COUNTED_SCALES,
the published scope of the network's figures: api.stats.scopes).
Local (bassin de vie) committees exist at all three dates but work inside their departmental
or regional committee ("pour chaque bassin de vie on retrouve un comité (très) local, qui
travaille à son tour avec le CLTSDS départemental", seed 000), so they are not counted apart.
"""

from dataclasses import dataclass
from datetime import date

from api.auth.permissions import Role
from api.committees.schemas import Scale
from api.demo.network_data import (
    DEPARTMENTAL,
    LOCAL,
    PACA_DEPARTMENTAL,
    REGIONAL,
    TERRITORIES,
    DemoCommittee,
)
from api.stats.scopes import SCALES, Scope

COUNTED_SCALES = tuple(s for s in Scale if s in SCALES[Scope.published])

NETWORK_LAUNCH_SEMINAR = date(2018, 9, 21)
SEMINAR_2020 = date(2020, 1, 15)
ARDECHE_LAUNCH = date(2022, 3, 29)
# The press release of the launch day counts the network as it stood that morning.
AS_RELEASED = date(2022, 3, 28)
FICHE_REPERE_2024 = date(2024, 1, 15)

# Parents come before their children: the loader creates them in this order.
COMMITTEES: tuple[DemoCommittee, ...] = (
    *REGIONAL,
    *DEPARTMENTAL,
    *PACA_DEPARTMENTAL,
    *LOCAL,
    *TERRITORIES,
)


@dataclass(frozen=True)
class DemoUser:
    role: Role
    email: str
    display_name: str  # fictional, never a name from the seeds
    committee: str | None  # key in COMMITTEES; None for network_admin
    note: str


DEMO_PASSWORD = "demo-ancrage-2024"  # noqa: S105 (printed by `make run`, demo databases only)

DEMO_USERS = (
    DemoUser(
        Role.network_admin,
        "animation@demo.ancrage.fr",
        "Claire Vasseur",
        None,
        "HCTS network animation: every committee, users",
    ),
    DemoUser(
        Role.committee_admin,
        "pilote.clts07@demo.ancrage.fr",
        "Julien Roche",
        "ardeche",
        "pilot of the Ardèche committee (CLTS 07)",
    ),
    DemoUser(
        Role.member,
        "membre.clts07@demo.ancrage.fr",
        "Inès Garnier",
        "ardeche",
        "member of the Ardèche committee (CLTS 07)",
    ),
    DemoUser(
        Role.committee_admin,
        "pilote.cltsds65@demo.ancrage.fr",
        "Thomas Lagarde",
        "hautes_pyrenees",
        "pilot of the Hautes-Pyrénées committee (CLTSDS 65)",
    ),
)


@dataclass(frozen=True)
class Headcount:
    """Attendance of a large event where names are not kept; loaded once meetings exist."""

    committee: str
    on: date
    title: str
    place: str
    present: int
    by_category: tuple[tuple[str, int], ...]
    structures_represented: int


# Seed 002: "177 présents dont 140 professionnels, 13 étudiants, 8 élus, 16 personnes
# ressources, personnes concernées, bénévoles ; 58 structures représentées".
ARDECHE_LAUNCH_DAY = Headcount(
    committee="ardeche",
    on=ARDECHE_LAUNCH,
    title="Journée départementale de lancement du CLTS 07",
    place="Guilherand-Granges, salle Agora",
    present=177,
    by_category=(
        ("professionals", 140),
        ("students", 13),
        ("elected_officials", 8),
        ("resource_persons_persons_concerned_volunteers", 16),
    ),
    structures_represented=58,
)


def organisation_type(name: str) -> str:
    """The organisation type a carrier's name says (the seeds give names only)."""
    lowered = name.casefold()
    for marker, kind in (
        ("conseil départemental", "departmental_council"),
        ("département", "departmental_council"),
        ("uriopss", "federation"),
        ("unaforis", "federation"),
        ("crpa", "crpa"),
        ("ocellia", "training_institute"),
        ("arifts", "training_institute"),
        ("irts", "training_institute"),
        ("institut", "training_institute"),
        ("université", "university"),
        ("caf", "caf"),
        ("association", "association"),
    ):
        if marker in lowered:
            return kind
    return "other"
