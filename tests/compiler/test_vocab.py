"""Each vocabulary is declared once (compiler/vocab.py): the model's literals, the statement table and the
keyword table agree with it, and the comparators have one meaning everywhere."""

from __future__ import annotations

import typing
from decimal import Decimal

from compiler import model as m
from compiler import vocab
from compiler.statements import SPEC_BY_CONTEXT
from dsl.keywords import ARGUMENT_WORDS, COMPARATOR_SPELLINGS
from targets.checks.judge import satisfies
from targets.checks.schema import Check
from targets.scoring.engine import holds as scoring_holds
from targets.scoring.schema import ConditionDef


def test_the_models_literals_are_the_vocabularies() -> None:
    assert typing.get_args(m.Frequency) == vocab.FREQUENCIES
    assert typing.get_args(m.Timing) == vocab.TIMINGS
    assert typing.get_args(m.Firmness) == vocab.FIRMNESS
    assert typing.get_args(m.MetricKind) == vocab.METRIC_KINDS
    assert typing.get_args(m.NumberingStyle) == vocab.NUMBERING_STYLES
    assert typing.get_args(m.ActionForm) == vocab.ACTION_FORMS
    assert typing.get_args(m.OwnerStyle) == vocab.OWNER_STYLES
    assert typing.get_args(m.Punctuation) == vocab.PUNCTUATION
    assert typing.get_args(m.Comparator) == vocab.COMPARATORS


def test_every_word_has_its_spellings_and_the_table_takes_them() -> None:
    for word in vocab.FREQUENCIES + vocab.TIMINGS + vocab.METRIC_KINDS + vocab.NUMBERING_STYLES + vocab.ACTION_FORMS:
        assert word in ARGUMENT_WORDS, word
    for word, zh in vocab.TIMING_ZH.items():
        assert ARGUMENT_WORDS[word][0] == zh, word
    assert set(COMPARATOR_SPELLINGS) == set(vocab.COMPARATORS)
    every = SPEC_BY_CONTEXT[("cadence", "every")].slot("unit").kinds[0]
    assert every.name == "w:" + "|".join(vocab.FREQUENCIES + vocab.TIMINGS)
    assessed = SPEC_BY_CONTEXT[("scoring", "every")].slot("unit").kinds[0]
    assert assessed.name == "w:" + "|".join(vocab.FREQUENCIES)


def test_about_means_the_same_in_evaluate_and_in_scoring() -> None:
    """45左右: 47 is within 5% (47.25), 47.5 is not; both stages agree, at the same tolerance."""
    assert vocab.APPROX_TOLERANCE == Decimal("0.05")
    check = Check(id="c", metric="m", metric_name="m", op="~", value="45", unit="%", firmness="stated",
                  kind="level", due=None, from_year=None, until_year=None,
                  source=m.Source(file="f", line=1, column=1))
    condition = ConditionDef(fact="f", op="~", value="45")
    for value, expected in (("47", True), ("47.25", True), ("47.5", False), ("42.75", True), ("42.7", False)):
        assert satisfies(check, Decimal(value)) is expected, value
        assert scoring_holds(condition, Decimal(value)) is expected, value


def test_decimal_text_has_no_exponent_or_trailing_zeros() -> None:
    assert [vocab.decimal_text(Decimal(x)) for x in ("12.8250", "1E+2", "0.00", "-0", "51.01")] == [
        "12.825", "100", "0", "0", "51.01"]
    assert vocab.percent_text(Decimal("0.15")) == "15%"
    assert vocab.every_text("biweek", 2) == "每4周" and vocab.every_text("month", 3) == "每3个月"
