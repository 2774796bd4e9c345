"""A disk cache of definitive API answers, one JSON file per request, with an expiry.

Keys are built from the request without its credentials (see :func:`request_key`), so
an API key never reaches a file name or a file. Bodies that contain a secret are not
stored at all. Files are written atomically; an unreadable file is a miss.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from referee.errors import RefereeError
from referee.review.atomic import atomic_write

SECRET_PARAMS = frozenset({"api_key", "email", "mailto", "tool"})
"""Query parameters left out of cache keys: credentials and contact details."""


def request_key(service: str, path: str, params: Mapping[str, str], accept: str = "") -> str:
    """The cache key of a GET: service, path below its base URL, sorted parameters minus
    credentials, Accept header."""
    kept = sorted((k, v) for k, v in params.items() if k not in SECRET_PARAMS)
    query = urlencode(kept)
    return f"GET {service} {path}?{query} accept={accept}"


@dataclass(frozen=True, slots=True)
class Entry:
    status: int
    content_type: str
    body: bytes
    stored: float
    """Unix time the answer was stored."""


class Cache:
    """Files under ``folder``; entries older than ``days`` are misses unless ``stale_ok``."""

    def __init__(self, folder: Path, days: float, secrets: Iterable[str] = ()) -> None:
        self.folder = folder
        self.max_age = days * 86400.0
        self._secrets = tuple(s.encode() for s in secrets if s)

    def _path(self, key: str) -> Path:
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.json"

    def get(self, key: str, stale_ok: bool = False) -> Entry | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            entry = Entry(
                int(data["status"]),
                str(data["content_type"]),
                str(data["body"]).encode("utf-8"),
                float(data["stored"]),
            )
            if data["key"] != key:
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not stale_ok and time.time() - entry.stored > self.max_age:
            return None
        return entry

    def put(self, key: str, status: int, content_type: str, body: bytes) -> bool:
        """Store an answer; False when it was not stored (secret inside, not UTF-8, disk error)."""
        if any(secret in body or secret in key.encode() for secret in self._secrets):
            return False
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return False
        path = self._path(key)
        record = {
            "key": key,
            "status": status,
            "content_type": content_type,
            "stored": time.time(),
            "body": text,
        }
        data = json.dumps(record, ensure_ascii=False).encode("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data, durable=False)  # a lost entry is only asked again
        except (OSError, RefereeError):
            return False
        return True
