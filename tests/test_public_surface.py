"""What anonymous callers may read is `PUBLIC_SURFACE` (api/auth/permissions.py), and nothing
else: derived from the app, every operation off the list answers 401 without a token, and every
entry is tested both ways, against objects built on each side of its rule."""

import re
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlmodel import Session

from api.auth.deps import PublicRouter
from api.auth.permissions import PUBLIC_SURFACE, Anonymous, Role
from api.committees.models import Committee
from api.core.clock import today
from api.main import app
from api.programmes.models import Indicator, Measurement, Tag
from tests.bodies.factories import make_body
from tests.factories import auth, make_committee, make_user, save
from tests.hcts.factories import make_axis, make_call, make_mandate, make_publication, make_relay
from tests.programmes.factories import make_action, make_deliverable, make_programme

V1 = "/api/v1"
# One operation of the app: (method, path, operation id).
Operation = tuple[str, str, str]


def _operations() -> list[Operation]:
    return [
        (method.upper(), path, operation["operationId"])
        for path, operations in app.openapi()["paths"].items()
        for method, operation in operations.items()
    ]


def test_only_the_operations_on_the_list_answer_anonymous_callers(client: TestClient) -> None:
    """Without a token, an operation off the list is a 401 before it reads anything (any id
    will do); one on it answers (a 404 for an unknown id, a 422 for a missing body)."""
    reachable = set()
    for method, path, operation_id in _operations():
        url = re.sub(r"\{(\w+)\}", lambda m: "84" if m[1] == "code" else str(uuid.uuid4()), path)
        if client.request(method, url).status_code != 401:
            reachable.add(operation_id)

    assert reachable - PUBLIC_SURFACE.keys() == set(), "reachable anonymously, not on the list"
    assert PUBLIC_SURFACE.keys() - reachable == set(), "on the list, but needs a login"


# --- each entry, both ways -----------------------------------------------------------------

# The sides of the rules: `shown` holds what anonymous callers see; `draft` and `private` what
# they do not (a draft programme or publication of a public committee; the validated programme,
# the relay, the mandate of a private committee); `closed`, a call whose deadline is past.
Side = dict[str, str]
HIDDEN: dict[Anonymous, tuple[str, ...]] = {
    Anonymous.everything: (),
    Anonymous.public_committees: ("private",),
    Anonymous.published: ("draft",),
    Anonymous.open_calls: ("closed",),
    Anonymous.published_programmes: ("draft", "private"),
    # Figures show no object: tests/stats checks they count public committees only.
    Anonymous.network_figures: (),
    Anonymous.programme_figures: (),
    Anonymous.people_figures: (),
}


@dataclass(frozen=True)
class Case:
    """How an operation shows an object of a side: `path` (formatted with the side's ids)
    answers with the object whose id is `side[key]`, or lists it; with `key` None, answering
    at all shows it (a committee's status history). A hidden object is a 404 on its own path
    (or on what hangs from it), and left out of lists."""

    path: str
    key: str | None


CASES: dict[str, Case] = {
    "health-get": Case("/health", None),
    "health-live": Case("/health/live", None),
    "health-ready": Case("/health/ready", None),
    "territories-regions-list": Case("/territories/regions", "region"),
    "territories-regions-get": Case("/territories/regions/{region}", "region"),
    "territories-departments-list": Case("/territories/departments", "department"),
    "territories-departments-get": Case("/territories/departments/{department}", "department"),
    "hcts-axes-list": Case("/hcts/axes", "axis_id"),
    "hcts-axes-get": Case("/hcts/axes/{axis_id}", "axis_id"),
    "tags-list": Case("/tags", "tag_id"),
    "committees-list": Case("/committees", "committee_id"),
    "committees-get": Case("/committees/{committee_id}", "committee_id"),
    "committees-status-history": Case("/committees/{committee_id}/status-history", None),
    "bodies-list": Case("/committees/{committee_id}/bodies", "body_id"),
    "hcts-relays-list-by-committee": Case("/committees/{committee_id}/relays", "relay_id"),
    "hcts-representatives-list": Case("/hcts/representatives", "mandate_id"),
    "hcts-representatives-get": Case("/hcts/representatives/{mandate_id}", "mandate_id"),
    "hcts-publications-list": Case("/hcts/publications", "publication_id"),
    "hcts-publications-get": Case("/hcts/publications/{publication_id}", "publication_id"),
    "hcts-calls-list": Case("/hcts/calls", "call_id"),
    "hcts-calls-get": Case("/hcts/calls/{call_id}", "call_id"),
    "work-programmes-list": Case("/committees/{committee_id}/work-programmes", "programme_id"),
    "work-programmes-get": Case("/work-programmes/{programme_id}", "programme_id"),
    "work-programmes-transitions-list": Case("/work-programmes/{programme_id}/transitions", None),
    "work-programmes-board": Case("/work-programmes/{programme_id}/board", "programme_id"),
    "actions-list": Case("/work-programmes/{programme_id}/actions", "action_id"),
    "actions-get": Case("/actions/{action_id}", "action_id"),
    "deliverables-list": Case("/actions/{action_id}/deliverables", "deliverable_id"),
    "deliverables-list-committee": Case(
        "/committees/{committee_id}/deliverables", "deliverable_id"
    ),
    "deliverables-get": Case("/deliverables/{deliverable_id}", "deliverable_id"),
    "indicators-list": Case("/actions/{action_id}/indicators", "indicator_id"),
    "indicators-get": Case("/indicators/{indicator_id}", "indicator_id"),
    "measurements-list": Case("/indicators/{indicator_id}/measurements", "measurement_id"),
    "stats-network": Case("/stats/network", None),
    "stats-network-timeline": Case("/stats/network/timeline", None),
    "stats-programmes": Case("/stats/programmes", None),
    "stats-participation": Case("/stats/participation", None),
    "stats-liaison": Case("/stats/liaison", None),
}
# Logging in: nothing to see or hide (tests/auth covers the tokens).
LOGIN = {"auth-token", "auth-refresh"}


def test_every_entry_of_the_list_has_a_case() -> None:
    assert set(CASES) | LOGIN == set(PUBLIC_SURFACE)
    assert {PUBLIC_SURFACE[op] for op in LOGIN} == {Anonymous.credentials}
    assert set(HIDDEN) == set(Anonymous) - {Anonymous.credentials}


def _ids_of(**objects: Any) -> Side:
    return {key: str(obj.id) for key, obj in objects.items()}


def _programme_chain(session: Session, committee: Committee, status: str) -> Side:
    """A programme of `committee` in `status`, with an action, a deliverable, an indicator and
    a measurement."""
    programme = make_programme(session, committee=committee, status=status)
    action = make_action(session, programme=programme)
    indicator = save(session, Indicator(action_id=action.id, name="Ateliers tenus", target=10))
    return _ids_of(
        programme_id=programme,
        action_id=action,
        deliverable_id=make_deliverable(session, action=action),
        indicator_id=indicator,
        measurement_id=save(
            session, Measurement(indicator_id=indicator.id, measured_on=date(2024, 6, 1), value=3)
        ),
    )


@pytest.fixture
def sides(session: Session) -> dict[str, Side]:
    public = make_committee(session, is_public=True, department_codes=["07"])
    private = make_committee(session, is_public=False, department_codes=["33"])
    published = make_publication(session)

    def of(committee: Committee) -> Side:
        """The committee, a body, a current HCTS mandate, a relay, and a validated programme."""
        return _programme_chain(session, committee, "validated") | _ids_of(
            committee_id=committee,
            body_id=make_body(session, committee=committee),
            mandate_id=make_mandate(session, committee=committee, starts_on=date(2020, 1, 1)),
            relay_id=make_relay(session, publication=published, committee=committee),
        )

    shown = (
        of(public)
        | _ids_of(
            publication_id=published,
            call_id=make_call(session, deadline=today()),  # open until the end of its last day
            axis_id=make_axis(session),
            tag_id=save(session, Tag(kind="theme", code="aller-vers", label="Aller-vers")),
        )
        | {"region": "84", "department": "07"}
    )
    draft = _programme_chain(session, public, "draft") | _ids_of(
        publication_id=make_publication(session, status="draft")
    )
    closed = make_call(session, deadline=today() - timedelta(days=1))
    return {
        "shown": shown,
        "draft": shown | draft,
        "private": shown | of(private),
        "closed": shown | _ids_of(call_id=closed),
    }


def _ids(body: Any) -> set[str]:
    """The ids (or INSEE codes) of what a response shows: the object, a list's items, a
    board's programme."""
    found = [body, *body.get("items", []), body.get("programme") or {}]
    return {str(o.get("id") or o.get("code")) for o in found if o.get("id") or o.get("code")}


def _sees(client: TestClient, case: Case, side: Side) -> bool:
    """Whether `case` shows the side's object: a 404 (a path with ids only) does not, nor a
    list without it; a read of one object that answers shows it."""
    response = client.get(V1 + case.path.format(**side))
    if response.status_code == 404 and "{" in case.path:
        return False
    assert response.status_code == 200, response.text
    return case.key is None or side[case.key] in _ids(response.json())


ENTRIES = [
    (operation_id, side)
    for operation_id in CASES
    for side in ("shown", *HIDDEN[PUBLIC_SURFACE[operation_id]])
]


@pytest.mark.parametrize(("operation_id", "side"), ENTRIES, ids=[f"{o}-{s}" for o, s in ENTRIES])
def test_anonymous_callers_see_what_is_public_and_nothing_else(
    client: TestClient, sides: dict[str, Side], operation_id: str, side: str
) -> None:
    seen = _sees(client, CASES[operation_id], sides[side])

    assert seen is (side == "shown")


@pytest.mark.parametrize("side", ["draft", "private", "closed"])
def test_what_is_hidden_from_anonymous_callers_is_there_for_a_network_admin(
    client: TestClient, session: Session, sides: dict[str, Side], side: str
) -> None:
    """The filters are the anonymous callers' alone: the hidden sides exist, and are read."""
    headers = auth(make_user(session, role=Role.network_admin))
    for operation_id, case in CASES.items():
        if side in HIDDEN[PUBLIC_SURFACE[operation_id]]:
            response = client.get(V1 + case.path.format(**sides[side]), headers=headers)
            assert response.status_code == 200, (operation_id, response.text)
            assert case.key is None or sides[side][case.key] in _ids(response.json())


def test_a_public_router_takes_only_the_operations_on_the_list_and_says_what_they_show() -> None:
    router = PublicRouter()

    with pytest.raises(LookupError, match="PUBLIC_SURFACE"):
        router.add_api_route("/hidden", lambda: None, operation_id="people-list")
    router.add_api_route("/calls", lambda: None, operation_id="hcts-calls-list")

    (route,) = router.routes
    assert isinstance(route, APIRoute)
    assert route.description == Anonymous.open_calls.value
    assert app.openapi()["paths"]["/api/v1/hcts/calls"]["get"]["description"].endswith(
        Anonymous.open_calls.value
    )
