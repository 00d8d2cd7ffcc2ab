"""What a process served last, kept in its memory in front of the shared cache: bounded in
size, the least recently used dropped first. The keys name their content (a plan's version, a
fragment's digest), so a copy can never be stale; a hit costs no read of the shared cache."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Recent(Generic[T]):
    def __init__(self, limit: int, size: Callable[[T], int]) -> None:
        self.limit, self.size, self._size_of = limit, 0, size
        self.items: OrderedDict[str, T] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> T | None:
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key: str, value: T) -> None:
        """Keep value, unless it alone would take a quarter of the room."""
        size = self._size_of(value)
        with self.lock:
            if key in self.items or size > self.limit // 4:
                return
            self.items[key] = value
            self.size += size
            while self.size > self.limit:
                _old, dropped = self.items.popitem(last=False)
                self.size -= self._size_of(dropped)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0
