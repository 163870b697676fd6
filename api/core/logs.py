"""Structured logs: one JSON object a line, with the request id.

For production, `uvicorn --log-config logging.json` (the repository's root) writes every
record, uvicorn's access lines included, with `JsonFormatter`. What a record says is the code's
to keep clean: paths without query strings (`requests._NoQueryString`), database errors without
their parameters (`db.build_engine`), and no names, e-mails or tokens in messages.
"""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)
