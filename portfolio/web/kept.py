"""What a server process keeps for every session, by key: query results and
views (`ui.cached_runner`, `ui.view`).

These were kept with `st.cache_resource` before. Streamlit hashes every
argument of a cached call on every call, hit or not, and reads the function's
signature each time: about 0.25–0.3 ms a call. A page makes 10–20 such calls
on each rerun. The keys here are plain tuples of what a view or query depends
on (snapshot id, filters, parameters), all hashable values, so a hit is one
dict lookup.

Like Streamlit's cache: values are shared by every session and never
changed by a page; a value is made once per key (a second session asking for
the same key waits for the first instead of making it again); a failure is
not kept; the least recently used entry goes when the bound is reached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Kept:
    """A bounded, thread-safe LRU of values made once per key: at most
    `max_entries` values and, with `size` (a value's bytes), at most
    `max_bytes` bytes (the newest value is kept whatever its size)."""

    def __init__(self, max_entries: int, max_bytes: int | None = None,
                 size: Callable[[Any], int] | None = None) -> None:
        self.max_entries, self.max_bytes, self._size = max_entries, max_bytes, size
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._sizes: dict[Hashable, int] = {}
        self.kept_bytes = 0  # the kept values' sizes, added up
        self._making: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value kept for `key`, made by `make()` when there is none."""
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            making = self._making.setdefault(key, threading.Lock())
        with making:  # one maker per key; the others wait for its value
            with self._lock:
                if key in self._values:
                    self._values.move_to_end(key)
                    return self._values[key]
            try:
                value = make()
            except BaseException:
                with self._lock:
                    self._making.pop(key, None)
                raise
            size = self._size(value) if self._size else 0
            with self._lock:
                self._values[key] = value
                self._sizes[key] = size
                self.kept_bytes += size
                self._making.pop(key, None)
                while len(self._values) > self.max_entries or (
                        self.max_bytes is not None and len(self._values) > 1 and self.kept_bytes > self.max_bytes):
                    gone, _ = self._values.popitem(last=False)
                    self.kept_bytes -= self._sizes.pop(gone)
            return value

    def values(self) -> list[Any]:
        """The kept values, least recently used first."""
        with self._lock:
            return list(self._values.values())

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._sizes.clear()
            self.kept_bytes = 0

    def __len__(self) -> int:
        return len(self._values)


def frozen(value: Any) -> Hashable:
    """`value` as a key: dicts as sorted (key, value) tuples, lists and tuples
    as tuples, sets as frozensets, each item frozen too; anything else must
    be hashable already (a TypeError names it otherwise)."""
    if isinstance(value, dict):
        return ("<dict>", tuple(sorted((k, frozen(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(frozen(v) for v in value)
    try:
        hash(value)
    except TypeError as error:
        raise TypeError(f"not a key: {type(value).__name__} {value!r:.80}") from error
    return value
