"""Strict JSON decoding and encoding for the frozen dataclasses that travel on the wire.

A field's declared type is the schema: text, whole number, true/false, a date, a list of
one of these, an optional value, or a nested object. Reasons name the field, never a value.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from collections.abc import Callable
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


Decoder = Callable[[object, str, str], Any]  # (JSON value, what, field name) -> value


def _fail(reason: str, what: str, name: str) -> WireRecordError:
    return WireRecordError(f"{what}'s {name} {reason}", name)


def _text(value: object, what: str, name: str) -> Any:
    if isinstance(value, str):
        return value
    raise _fail("must be text", what, name)


def _flag(value: object, what: str, name: str) -> Any:
    if isinstance(value, bool):
        return value
    raise _fail("must be true or false", what, name)


def _whole(value: object, what: str, name: str) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _fail("must be a whole number", what, name)


def _day(value: object, what: str, name: str) -> Any:
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _fail("must be a date (YYYY-MM-DD)", what, name)


_SIMPLE: dict[Any, Decoder] = {str: _text, bool: _flag, int: _whole, dt.date: _day}


def _decoder(hint: Any) -> Decoder:
    """How one declared type is read from JSON, worked out once per field (reading a
    hundred thousand records at the hub is then a call per field, not a type analysis)."""
    if hint in _SIMPLE:
        return _SIMPLE[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [arg for arg in args if arg is not type(None)]
        present = _decoder(inner)

        def optional(value: object, what: str, name: str) -> Any:
            return None if value is None else present(value, what, name)

        return optional
    if origin is tuple:
        item = _decoder(args[0])

        def items(value: object, what: str, name: str) -> Any:
            if not isinstance(value, list):
                raise _fail("must be a list", what, name)
            return tuple(item(one, what, name) for one in value)

        return items
    if isinstance(hint, type) and issubclass(hint, WireObject):
        nested = hint

        def inner_object(value: object, what: str, name: str) -> Any:
            return nested.from_fields(value, f"{what}'s {name}")

        return inner_object
    raise TypeError(f"no wire form is declared for {hint!r}")  # a programming error


_PLANS: dict[type, tuple[frozenset[str], tuple[tuple[str, Decoder], ...]]] = {}


def _plan(cls: type) -> tuple[frozenset[str], tuple[tuple[str, Decoder], ...]]:
    """A class's field names and each field's decoder, worked out on first use."""
    if cls not in _PLANS:
        hints = typing.get_type_hints(cls)
        names = [f.name for f in dataclasses.fields(cast(Any, cls))]
        _PLANS[cls] = (frozenset(names), tuple((n, _decoder(hints[n])) for n in names))
    return _PLANS[cls]


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
        names, decoders = _plan(cls)
        for key in raw:
            if key not in names and key != ignore:
                field = short_name(key)
                raise WireRecordError(f"{what} has an unexpected field '{field}'", field)
        values: dict[str, Any] = {}
        for name, decode in decoders:
            if name not in raw:
                raise WireRecordError(f"{what} has no field '{name}'", name)
            values[name] = decode(raw[name], what, name)
        return cast(Self, cast(Any, cls)(**values))

    def fields_to_wire(self) -> dict[str, Any]:
        """The fields as JSON values, by name."""
        return {f.name: _encode(getattr(self, f.name)) for f in dataclasses.fields(cast(Any, self))}
