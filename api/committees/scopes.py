"""Which committees the network's figures count: the published rule, written once.

The network's own documents (the 2020 seminar, the Ardèche release of 2022, the 2024 "fiche
repère") count regional, departmental and interdepartmental committees. A local (bassin de
vie) committee works inside its departmental or regional one ("pour chaque bassin de vie on
retrouve un comité (très) local, qui travaille à son tour avec le CLTSDS départemental", seed
000), so it is not counted apart. `all` counts every committee.

Here, below the figures (api.stats) and the members' spans (api.memberships.spans) that both
count by it.
"""

from enum import StrEnum

from api.committees.schemas import Scale


class Scope(StrEnum):
    published = "published"
    all = "all"


# The scales each scope counts.
SCALES: dict[Scope, frozenset[Scale]] = {
    Scope.published: frozenset({Scale.regional, Scale.departmental, Scale.interdepartmental}),
    Scope.all: frozenset(Scale),
}
