"""A national-scale network, inserted in bulk (the services are too slow for 100k rows)."""

import random
import uuid
from datetime import date

from sqlalchemy import Connection, insert

from api.committees.models import Committee, CommitteeStatusChange, CommitteeTerritory
from api.core.clock import utcnow
from api.core.text import fold
from api.territories import service as territories


def committees(connection: Connection, *, count: int, seed: int = 7) -> list[uuid.UUID]:
    rng = random.Random(seed)
    departments = [d.code for d in territories.list_departments()]
    statuses = ["reflection", "construction", "active", "active", "active", "dormant"]
    now = utcnow()
    rows, places, history = [], [], []
    for n in range(count):
        committee_id = uuid.UUID(int=rng.getrandbits(128), version=4)
        code = departments[n % len(departments)]
        name = f"Comité local du travail social {code} n°{n}"
        status = rng.choice(statuses)
        since = date(2019 + rng.randrange(5), rng.randrange(1, 13), 1)
        rows.append(
            {
                "id": committee_id, "name": name, "short_name": f"CLTS {code}-{n}",
                "search_key": fold(name), "scale": "departmental", "parent_id": None,
                "description": None, "contact_email": None, "is_public": rng.random() < 0.8,
                "carrying_organisations": [], "status": status, "status_since": since,
                "created_at": now, "updated_at": now, "version": 1,
            }
        )  # fmt: skip
        places.append({"committee_id": committee_id, "kind": "department", "code": code})
        history.append(
            {
                "id": uuid.uuid4(), "committee_id": committee_id, "seq": 1, "status": status,
                "effective_on": since, "recorded_at": now, "recorded_by": None,
            }
        )  # fmt: skip
    connection.execute(insert(Committee), rows)
    connection.execute(insert(CommitteeTerritory), places)
    connection.execute(insert(CommitteeStatusChange), history)
    return [row["id"] for row in rows]
