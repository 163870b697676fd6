"""Matrix rows: the network's figures. Everyone reads them; what each caller's figures count
(the committees they may see) is tested in tests/stats."""

from tests.permissions.world import Row, everyone

ROWS: list[Row] = [
    Row("GET", "/api/v1/stats/network", everyone(200)),
    Row("GET", "/api/v1/stats/network/timeline", everyone(200)),
    Row("GET", "/api/v1/stats/programmes", everyone(200)),
    # People are counted: each caller's figures count what they may read (tests/stats), and
    # callers who read none get the network's, under statistical secrecy (test_secrecy.py).
    Row("GET", "/api/v1/stats/liaison", everyone(200)),
    Row("GET", "/api/v1/stats/participation", everyone(200)),
]
