"""What the current build publishes, made once per build: its dataset description and its dump files."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from email.utils import format_datetime
from functools import cached_property

from graph.publish.description import Description, describe
from graph.publish.dumps import Dump
from graph.publish.files import dump, publication
from graph.settings import Settings
from graph.store import Build


class Published:
    """The description and dumps of one build (dump bytes are kept in memory once made)."""

    def __init__(self, build: Build, settings: Settings) -> None:
        self.build = build
        self.settings = settings
        self._dumps: dict[str, bytes] = {}
        self._lock = threading.Lock()

    @cached_property
    def description(self) -> Description:
        """DCAT/VoID/SD of the build, computed from its store."""
        return describe(self.build.rdf, publication(self.build, self.settings))

    def dump(self, file: Dump) -> bytes:
        """The bytes of one dump file (graph.publish.files.dump), made on first request."""
        with self._lock:
            if file.file not in self._dumps:
                self._dumps[file.file] = dump(self.build, self.settings, file)
            return self._dumps[file.file]

    def etag(self, name: str) -> str:
        """A strong ETag for a file of this build: a hash of the build id and the file name."""
        return '"' + hashlib.sha256(f"{self.build.id}/{name}".encode()).hexdigest()[:32] + '"'

    @property
    def last_modified(self) -> str:
        """The build time as an HTTP date (Last-Modified)."""
        return format_datetime(self.build.built_at.astimezone(dt.UTC), usegmt=True)


class PublishedHolder:
    """Hands out the Published of the current build, remaking it when the build changes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._current: Published | None = None
        self._lock = threading.Lock()

    def get(self, build: Build) -> Published:
        """The Published for ``build`` (the current one is kept, older ones dropped)."""
        with self._lock:
            if self._current is None or self._current.build.path != build.path:
                self._current = Published(build, self.settings)
            return self._current
