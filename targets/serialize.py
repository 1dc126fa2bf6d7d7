"""Deterministic JSON for every artifact and schema: sorted keys, two-space indent, UTF-8 kept, one trailing newline.

The bytes are exactly those of ``json.dumps(data, ensure_ascii=False, indent=2,
sort_keys=True) + "\\n"``, written by orjson (Rust) instead of the standard
library's pure-Python indenting encoder, which is ~15× slower on a 4 MB plan.json.

The path every artifact takes: orjson encodes the model objects themselves, with
the option that hands each model to a callback (``_fields``), which returns the
model's fields as a dict (its own ``__dict__`` when the keys are the field names);
orjson sorts and indents. No compact text, no tree of Python objects: re-reading
compact JSON into such a tree (the previous path) made a 100k-line build spend
most of its schedule and plan.json time in the garbage collector. A model class
takes this path only when its declared field types say the two encodings agree
(``_plain``): str, int, bool, None, date, Literal of those, list/tuple/dict/union
of them, and models that are themselves plain; no float, no Any, no serializers,
computed fields, exclusions or extra fields. The answer is memoised per class
(classes do not change during a build). planc's model dataclasses are not
validated when built, so this relies on their annotations being true (mypy checks them).

Any other model, and any value orjson refuses (an integer beyond 64 bits, a lone
surrogate, an instance of a class that was not checked, e.g. a subclass in a field
declared as its base), takes ``_via_text``: pydantic-core's compact JSON re-indented
by orjson, or the standard library where the two could differ: a float (``1e+16``
against ``1e16``) or an integer of 19 or more digits (orjson reads one beyond 64
bits as a float), found by a scan of the compact text.
``tests/targets/test_serialize.py`` compares the bytes with the standard library's
on every bundled plan's artifacts, on generated models and on the goldens.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import types
import typing
from typing import Any, Literal, Union

try:  # orjson is a dependency; the fallback keeps a broken wheel from breaking every build
    import orjson
except ImportError:  # pragma: no cover - exercised only without the wheel
    orjson = None  # type: ignore[assignment]


_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE if orjson is not None else 0
# A number with a fraction or an exponent right after the token that opens a value, in compact JSON, or an
# integer of 19 digits or more (orjson reads one beyond 64 bits as a float). It may also match inside a
# string (then the slower reference path runs, with the same bytes); it cannot miss such a number.
_FLOAT_TOKEN = re.compile(rb"[:,\[]-?(?:[0-9]+(?:\.|[eE])|[0-9]{19})")


def dump_json(model: Any) -> bytes:
    """A model (planc's dataclass models or pydantic BaseModel) as artifact bytes, by alias, JSON mode."""
    if orjson is not None and _plain(type(model)):
        try:
            return orjson.dumps(model, default=_fields, option=_DIRECT)
        except orjson.JSONEncodeError:  # e.g. an integer beyond 64 bits, a lone surrogate: the paths below
            pass
    return _via_text(model)


def _via_text(model: Any) -> bytes:
    """The model's compact JSON from pydantic-core, re-indented by orjson; the standard library where they differ."""
    dump = getattr(model, "model_dump_json", None)
    if orjson is not None and dump is not None:
        compact = dump(by_alias=True)
        if isinstance(compact, str):  # pydantic's BaseModel returns text, planc's dataclass models bytes
            compact = compact.encode("utf-8")
        if _FLOAT_TOKEN.search(compact) is None:
            try:
                return orjson.dumps(orjson.loads(compact), option=_OPTIONS)
            except (orjson.JSONDecodeError, orjson.JSONEncodeError):  # e.g. an integer beyond 64 bits
                pass
        return _reference(json.loads(compact))
    return encode(model.model_dump(mode="json", by_alias=True))


_DIRECT = _OPTIONS | orjson.OPT_PASSTHROUGH_DATACLASS if orjson is not None else 0
_SCALARS = frozenset({str, int, bool, type(None), dt.date})
# class -> ((attribute, key), ...) when the class is plain; None when it is not. Keyed by the class, which
# does not change during a build, so two builds cannot differ by it.
_PLAIN: dict[type, tuple[tuple[str, str], ...] | None] = {}
_SAME_NAMES: dict[type, bool] = {}
_UNKNOWN = object()  # a plain class whose output keys are its attribute names


def _fields(obj: Any) -> dict[str, Any]:
    """orjson's ``default``: a plain model's fields by output key; anything else is refused (the slower paths)."""
    pairs = _PLAIN.get(type(obj))
    if pairs is None:
        raise TypeError(type(obj).__name__)
    fields = obj.__dict__
    # the instance's own dict when it holds exactly the fields under their own names (no alias, nothing extra)
    if len(fields) == len(pairs) and _SAME_NAMES[type(obj)]:
        return fields  # type: ignore[no-any-return]
    return {key: getattr(obj, name) for name, key in pairs}


def _plain(cls: type) -> bool:
    """Whether orjson writes instances of ``cls`` exactly as pydantic's JSON mode would (see the module doc)."""
    known = _PLAIN.get(cls, _UNKNOWN)
    if known is _UNKNOWN:
        found: dict[type, tuple[tuple[str, str], ...] | None] = {}
        _is_plain(cls, found)
        if found[cls] is None:  # the parts were checked assuming this class plain: they are checked again later
            found = {cls: None}
        for checked, pairs in found.items():  # the names first: a reader that finds a class in _PLAIN uses both
            _SAME_NAMES[checked] = pairs is not None and all(name == key for name, key in pairs)
            _PLAIN[checked] = pairs
        known = found[cls]
    return known is not None


def _is_plain(cls: type, found: dict[type, tuple[tuple[str, str], ...] | None]) -> bool:
    """``_plain`` within one check: ``found`` holds the classes met so far (a recursive one counts as plain)."""
    if cls in _PLAIN:
        return _PLAIN[cls] is not None
    if cls not in found:
        found[cls] = ()  # provisional, for a model that contains itself
        try:
            found[cls] = _plain_fields(cls, found)
        except Exception:  # an annotation that does not resolve: not plain
            found[cls] = None
    return found[cls] is not None


def _plain_fields(cls: type, found: dict[type, tuple[tuple[str, str], ...] | None]) -> tuple[tuple[str, str], ...] | None:
    from pydantic import BaseModel

    if isinstance(cls, type) and issubclass(cls, BaseModel):
        config = dict(cls.model_config)
        decorators = cls.__pydantic_decorators__
        if (cls.model_computed_fields or decorators.field_serializers or decorators.model_serializers
                or cls.__pydantic_root_model__ or set(config) - {"extra", "populate_by_name"}
                or config.get("extra") == "allow"):
            return None
        pairs = []
        for name, info in cls.model_fields.items():
            if info.exclude or info.metadata or not _plain_type(info.annotation, found):
                return None
            pairs.append((name, info.serialization_alias or info.alias or name))
        return tuple(pairs)
    if dataclasses.is_dataclass(cls) and hasattr(cls, "model_dump_json"):  # planc's model dataclasses
        if set(getattr(cls, "__pydantic_config__", {})) - {"extra"}:
            return None
        hints = typing.get_type_hints(cls)
        pairs = []
        for spec in dataclasses.fields(cls):
            if spec.metadata or not _plain_type(hints[spec.name], found):
                return None
            pairs.append((spec.name, spec.name))
        return tuple(pairs)
    return None


def _plain_type(annotation: Any, found: dict[type, tuple[tuple[str, str], ...] | None]) -> bool:
    if annotation in _SCALARS:
        return True
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Literal:
        return all(type(arg) in (str, int, bool, type(None)) for arg in args)
    if origin in (list, Union, types.UnionType):
        return all(_plain_type(arg, found) for arg in args)
    if origin is tuple:
        return all(arg is Ellipsis or _plain_type(arg, found) for arg in args)
    if origin is dict:
        return args[0] is str and _plain_type(args[1], found)
    return isinstance(annotation, type) and _is_plain(annotation, found)


def encode(data: Any) -> bytes:
    """JSON-ready data as artifact bytes: ``json.dumps(indent=2, sort_keys=True, ensure_ascii=False)`` + newline."""
    if orjson is not None and not _has_float(data):
        try:
            return orjson.dumps(data, option=_OPTIONS)
        except (orjson.JSONEncodeError, TypeError):  # beyond 64-bit ints, non-str keys, surrogates: the reference
            pass
    return _reference(data)


def _reference(data: Any) -> bytes:
    """The standard library's encoding, which defines the bytes."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def encode_text(data: Any) -> str:
    """``encode`` as text, for reports printed to the terminal."""
    return encode(data).decode("utf-8")


def _has_float(data: Any) -> bool:
    """Whether a float occurs anywhere in the data (the one value the two encoders may spell differently)."""
    stack = [data]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is dict:
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
        elif kind is float:
            return True
    return False


def json_schema(model: Any) -> str:
    """The committed JSON Schema text of an artifact model (docs/schemas/<kind>.v<N>.json)."""
    return encode_text(model.model_json_schema(by_alias=True, mode="serialization"))
