"""slot_init: records built through their slots behave as dataclass's own __init__ builds them."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from dashboard.preprocess.records import Statement, slot_init


@dataclasses.dataclass(frozen=True, slots=True)
class _Plain:
    name: str
    start: int
    tags: tuple[str, ...] = ()
    score: float = -1.0


@slot_init
@dataclasses.dataclass(frozen=True, slots=True)
class _Slotted:
    name: str
    start: int
    tags: tuple[str, ...] = ()
    score: float = -1.0


def test_the_same_signature_and_fields_as_dataclass_init() -> None:
    assert list(inspect.signature(_Slotted).parameters) == list(inspect.signature(_Plain).parameters)
    for args, kwargs in [(("a", 1), {}), (("a", 1, ("x",)), {"score": 0.5}), ((), {"start": 2, "name": "b"})]:
        assert dataclasses.astuple(_Slotted(*args, **kwargs)) == dataclasses.astuple(_Plain(*args, **kwargs))
    with pytest.raises(TypeError):
        _Slotted("a")  # type: ignore[call-arg]


def test_still_frozen_hashable_and_picklable() -> None:
    record = Statement("a", "a-s0000", 0, 5, "quote", ("funding",), "commitment", ("pledged",), 0.8)
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.kind = "appeal"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(record)) == record
    assert hash(record) == hash(dataclasses.replace(record))
    assert record.with_actors(("country:VNM",), ()).speakers == ("country:VNM",)


def test_refuses_what_it_cannot_build() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list[str] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        name: str

    for cls in (WithFactory, NotFrozen):
        with pytest.raises(TypeError):
            slot_init(cls)
