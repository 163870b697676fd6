from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import Session, col, select

from api.auth.models import RoleGrant, User
from api.auth.permissions import Role
from api.auth.service import authenticate
from api.auth.throttle import SqlStore, Throttle
from api.committees.models import Committee
from api.committees.schemas import CommitteeStatus, Scale
from api.committees.service_status import counts_on, status_history
from api.config import get_settings
from api.demo import network
from api.demo.loader import DemoLogin, load_demo_if_empty
from api.organisations.service import carriers_of

ACTIVE = CommitteeStatus.active
CONSTRUCTION = CommitteeStatus.construction
REFLECTION = CommitteeStatus.reflection
DEPARTMENTAL = (Scale.departmental, Scale.interdepartmental)


def by_name(session: Session, name: str) -> Committee:
    return session.exec(select(Committee).where(Committee.name == name)).one()


def figure(session: Session, on: date, status: CommitteeStatus, *scales: Scale) -> int:
    """A published figure: committees with `status` on day `on`, at the scales counted."""
    counts = counts_on(session, on=on)
    return sum(counts.get((status, scale), 0) for scale in scales or network.COUNTED_SCALES)


def count(session: Session, model: type[Committee] | type[User]) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_loads_every_committee_and_four_logins_that_work(
    session: Session, logins: list[DemoLogin]
) -> None:
    assert count(session, Committee) == len(network.COMMITTEES)
    assert [login.role for login in logins] == [
        "network_admin",
        "committee_admin",
        "member",
        "committee_admin",
    ]
    for login in logins:
        assert login.email.endswith("@demo.ancrage.fr")
        throttle = Throttle(SqlStore(session), get_settings())
        user = authenticate(
            session, throttle=throttle, email=login.email, password=login.password, address="t"
        )
        assert user.email == login.email


def test_demo_logins_hold_their_grants(session: Session, logins: list[DemoLogin]) -> None:
    ardeche = by_name(session, "Comité local du travail social de l'Ardèche")
    grants = session.exec(
        select(User.email, RoleGrant.role, RoleGrant.committee_id).join(
            RoleGrant, col(RoleGrant.user_id) == col(User.id)
        )
    ).all()

    assert ("animation@demo.ancrage.fr", Role.network_admin, None) in grants
    assert ("pilote.clts07@demo.ancrage.fr", Role.committee_admin, ardeche.id) in grants
    assert ("membre.clts07@demo.ancrage.fr", Role.member, ardeche.id) in grants
    other = [g for g in grants if g[0] == "pilote.cltsds65@demo.ancrage.fr"]
    assert len(other) == 1
    assert other[0][1] == Role.committee_admin
    assert other[0][2] not in (None, ardeche.id)


def test_a_second_load_does_nothing(session: Session, logins: list[DemoLogin]) -> None:
    committees, users = count(session, Committee), count(session, User)

    assert load_demo_if_empty(session) is None

    assert (count(session, Committee), count(session, User)) == (committees, users)


@pytest.mark.usefixtures("logins")
def test_seminar_2020_thirteen_active(session: Session) -> None:
    assert figure(session, network.SEMINAR_2020, ACTIVE) == 13


@pytest.mark.usefixtures("logins")
def test_ardeche_launch_day_twelve_active_eight_in_construction(session: Session) -> None:
    # As the launch-day release counts them: Ardèche still among the 8, launched that day.
    assert figure(session, network.AS_RELEASED, ACTIVE) == 12
    assert figure(session, network.AS_RELEASED, CONSTRUCTION) == 8
    assert figure(session, network.ARDECHE_LAUNCH, ACTIVE) == 13
    assert figure(session, network.ARDECHE_LAUNCH, CONSTRUCTION) == 7


@pytest.mark.usefixtures("logins")
def test_fiche_repere_january_2024(session: Session) -> None:
    on = network.FICHE_REPERE_2024

    assert figure(session, on, ACTIVE) == 19
    assert figure(session, on, ACTIVE, Scale.regional) == 4
    assert figure(session, on, ACTIVE, *DEPARTMENTAL) == 15
    assert figure(session, on, REFLECTION) == 11
    # The bassin-de-vie committees exist and are active, outside the published figures.
    assert figure(session, on, ACTIVE, Scale.local) == 6


@pytest.mark.usefixtures("logins")
def test_ardeche_is_active_since_its_launch_day(session: Session) -> None:
    ardeche = by_name(session, "Comité local du travail social de l'Ardèche")

    assert ardeche.department_codes == ["07"]
    assert ardeche.region_codes == []
    assert ardeche.scale == Scale.departmental
    carriers = carriers_of(session, [ardeche.id])[ardeche.id]
    assert [(c["name"], c["type"]) for c in carriers] == [
        ("Conseil départemental de l'Ardèche", "departmental_council"),
        ("Ocellia", "training_institute"),
    ]
    assert (ardeche.status, ardeche.status_since) == (ACTIVE, date(2022, 3, 29))
    assert [
        (c.status, c.effective_on) for c in status_history(session, committee_id=ardeche.id)
    ] == [
        (REFLECTION, date(2021, 3, 1)),
        (CONSTRUCTION, date(2021, 3, 1)),
        (ACTIVE, date(2022, 3, 29)),
    ]


@pytest.mark.usefixtures("logins")
def test_bassins_de_vie_hang_from_hautes_pyrenees_then_occitanie(session: Session) -> None:
    hautes_pyrenees = by_name(
        session, "Comité local du travail social et du développement social des Hautes-Pyrénées"
    )
    occitanie = session.get(Committee, hautes_pyrenees.parent_id)
    bassins = session.exec(select(Committee).where(Committee.parent_id == hautes_pyrenees.id)).all()

    assert occitanie is not None
    assert (occitanie.scale, occitanie.region_codes) == (Scale.regional, ["76"])
    assert len(bassins) == 6
    assert {b.scale for b in bassins} == {Scale.local}
    assert {tuple(b.department_codes) for b in bassins} == {("65",)}


@pytest.mark.usefixtures("logins")
def test_paca_has_a_committee_in_each_departement(session: Session) -> None:
    paca = by_name(
        session,
        "Comité local du travail social et du développement social de Provence-Alpes-Côte d'Azur",
    )
    children = session.exec(select(Committee).where(Committee.parent_id == paca.id)).all()

    assert sorted(code for c in children for code in c.department_codes) == [
        "04", "05", "06", "13", "13", "83", "84",
    ]  # fmt: skip


def test_ardeche_launch_day_headcount_adds_up() -> None:
    headcount = network.ARDECHE_LAUNCH_DAY

    assert headcount.present == 177
    assert sum(n for _, n in headcount.by_category) == headcount.present
    assert headcount.structures_represented == 58


def test_demo_people_are_not_named_after_the_seeds() -> None:
    # Surnames of real people quoted in the seeds.
    real = {
        "campese", "besson", "mari", "moulin", "lemery", "pic", "gaucher", "col-eyraud", "villard",
        "payrastre", "cloez", "klein", "amrane", "bourguignon", "cols", "ville", "assibat",
        "sanvicens", "longepe", "fondeville", "rotier", "roussin", "soubrié", "moine", "sorita",
    }  # fmt: skip
    for user in network.DEMO_USERS:
        assert not set(user.display_name.lower().split()) & real
