"""The staff PIN's hash: salted, checked in constant time, a tampered one matching nothing."""

from __future__ import annotations

import pytest

from kiosk.pinhash import check_pin, hash_pin, is_pin_hash


def test_pin_round_trip() -> None:
    stored = hash_pin("2468")
    assert "2468" not in stored
    assert stored.startswith("scrypt$")
    assert check_pin("2468", stored)
    assert not check_pin("2469", stored)
    assert not check_pin("", stored)


def test_pin_hashes_are_salted() -> None:
    assert hash_pin("2468") != hash_pin("2468")


@pytest.mark.parametrize(
    "stored", ["", "2468", "scrypt$x", "scrypt$16384$8$1$!!$!!", "md5$a$b$c$d$e"]
)
def test_malformed_hash_matches_nothing(stored: str) -> None:
    assert not check_pin("2468", stored)


def test_tampered_cost_refused() -> None:
    """A settings file cannot make one PIN check take gigabytes of memory."""
    parts = hash_pin("2468").split("$")
    parts[1] = str(2**30)
    assert not check_pin("2468", "$".join(parts))


@pytest.mark.parametrize("pin", ["123", "1234567890123", "12a4", "", " 1234"])
def test_bad_pins_refused(pin: str) -> None:
    with pytest.raises(ValueError):
        hash_pin(pin)


def test_only_a_hash_pin_writes_is_a_pin_hash() -> None:
    assert is_pin_hash(hash_pin("2468"))
    assert not is_pin_hash("")
    assert not is_pin_hash("2468")
