"""Deterministic JSON for every artifact and schema: sorted keys, two-space indent, UTF-8 kept, one trailing newline.

The bytes are exactly those of ``json.dumps(data, ensure_ascii=False, indent=2,
sort_keys=True) + "\\n"``, written by orjson (Rust) instead of the standard
library's pure-Python indenting encoder, which is ~15× slower on a 4 MB plan.json.
The model is first encoded to compact JSON by pydantic-core (``model_dump_json``)
rather than to Python objects (``model_dump``), and orjson re-reads that text and
indents it: two native passes instead of a Python tree walk and a Python encoder.

Where the two encoders could differ, orjson is not used: integers beyond 64 bits
and non-finite floats raise in orjson and fall back to the standard library, and
any float at all (found by a scan of the compact text) takes the standard-library path too, because the two write some
floats differently (``1e+16`` against ``1e16``). The artifact models hold no
floats (exact quantities are decimal strings), so in practice every artifact takes
the fast path; ``tests/targets/test_serialize.py`` compares the bytes of both
encoders on every bundled plan's artifacts and on the goldens.
"""

from __future__ import annotations

import json
import re
from typing import Any

try:  # orjson is a dependency; the fallback keeps a broken wheel from breaking every build
    import orjson
except ImportError:  # pragma: no cover - exercised only without the wheel
    orjson = None  # type: ignore[assignment]


_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE if orjson is not None else 0
# A number with a fraction or an exponent right after the token that opens a value, in compact JSON. It may
# also match inside a string (then the slower reference path runs, with the same bytes); it cannot miss a float.
_FLOAT_TOKEN = re.compile(rb"[:,\[]-?[0-9]+(?:\.|[eE])")


def dump_json(model: Any) -> bytes:
    """A model (planc's dataclass models or pydantic BaseModel) as artifact bytes, by alias, JSON mode."""
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
