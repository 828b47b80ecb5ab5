"""Strict JSON decoding and encoding for the frozen dataclasses that travel on the wire.

A field's declared type is the schema: text, whole number, true/false, a date, a list of
one of these, an optional value, or a nested object. Reasons name the field, never a value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any, ClassVar, Self, cast

from victim_champion.core.envelopes import ProtocolError


class WireRecordError(ProtocolError):
    """A record that is not in the agreed shape; the text says which field and why."""

    def __init__(self, reason: str, field: str = "") -> None:
        super().__init__(reason)
        self.field = field  # the field named in the reason ("" for the record as a whole)


def short_name(text: object) -> str:
    """A key or kind as it may appear in a reason: short, and only as text."""
    return str(text)[:40]


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _decode(value: object, hint: Any, what: str, name: str) -> Any:
    """One field's JSON value as the declared type, or WireRecordError naming the field."""
    if hint is str:
        if isinstance(value, str):
            return value
        raise WireRecordError(f"{what}'s {name} must be text", name)
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise WireRecordError(f"{what}'s {name} must be true or false", name)
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise WireRecordError(f"{what}'s {name} must be a whole number", name)
    if hint is dt.date:
        if isinstance(value, str) and len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise WireRecordError(f"{what}'s {name} must be a date (YYYY-MM-DD)", name)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        if value is None and type(None) in args:
            return None
        (inner,) = [arg for arg in args if arg is not type(None)]
        return _decode(value, inner, what, name)
    if origin is tuple:
        if not isinstance(value, list):
            raise WireRecordError(f"{what}'s {name} must be a list", name)
        return tuple(_decode(item, args[0], what, name) for item in value)
    if isinstance(hint, type) and issubclass(hint, WireObject):
        return hint.from_fields(value, f"{what}'s {name}")
    raise TypeError(f"no wire form is declared for {hint!r}")  # a programming error


def _encode(value: object) -> Any:
    if isinstance(value, WireObject):
        return value.fields_to_wire()
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class WireObject:
    """Strict decoding and encoding of a flat JSON object into a frozen dataclass."""

    what: ClassVar[str] = "an object"  # how a reason names it: "a session record"

    @classmethod
    def from_fields(cls, raw: object, what: str | None = None, ignore: str = "") -> Self:
        """Every declared field, of its declared type, and no other key but ``ignore``."""
        what = what or cls.what
        if not isinstance(raw, dict):
            raise WireRecordError(f"{what} must be an object")
        names = [f.name for f in dataclasses.fields(cast(Any, cls))]
        for key in raw:
            if key not in names and key != ignore:
                field = short_name(key)
                raise WireRecordError(f"{what} has an unexpected field '{field}'", field)
        hints = _hints(cls)
        values: dict[str, Any] = {}
        for name in names:
            if name not in raw:
                raise WireRecordError(f"{what} has no field '{name}'", name)
            values[name] = _decode(raw[name], hints[name], what, name)
        return cast(Self, cast(Any, cls)(**values))

    def fields_to_wire(self) -> dict[str, Any]:
        """The fields as JSON values, by name."""
        return {f.name: _encode(getattr(self, f.name)) for f in dataclasses.fields(cast(Any, self))}
