"""The staff PIN's hash: a salted scrypt hash stored, never the PIN, checked in constant time.

``kiosk pin set`` stores :func:`hash_pin`'s text as ``staff_pin_hash`` in the settings file;
the PIN pad checks an entry with :func:`check_pin`. How many tries the pad allows is
:mod:`kiosk.system.pingate`'s business. Pure Python, no Qt.
"""

from __future__ import annotations

import base64
import re

# scrypt with 16 MiB of memory: cheap for one check at the pad, costly to try every PIN
# against a copied settings file.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2**14, 8, 1
_PIN = re.compile(r"[0-9]{4,12}")


def valid_pin(pin: str) -> bool:
    """A PIN is 4 to 12 digits: what the on-screen pad can type."""
    return bool(_PIN.fullmatch(pin))


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of ``pin``, as text: ``scrypt$N$r$p$salt$hash`` (base64)."""
    import secrets  # here, like hmac below: the show only needs them once a PIN is typed

    if not valid_pin(pin):
        raise ValueError("a PIN is 4 to 12 digits")
    salt = secrets.token_bytes(16)
    digest = _scrypt(pin, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return "$".join(
        ("scrypt", str(_SCRYPT_N), str(_SCRYPT_R), str(_SCRYPT_P), _b64(salt), _b64(digest))
    )


def check_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches ``stored`` (from :func:`hash_pin`); compared in constant time.

    A malformed or empty ``stored`` matches nothing.
    """
    import hmac

    parsed = _parse_hash(stored)
    if parsed is None:
        return False
    n, r, p, salt, expected = parsed
    return hmac.compare_digest(_scrypt(pin, salt, n, r, p), expected)


def is_pin_hash(stored: str) -> bool:
    """Whether ``stored`` is a hash as :func:`hash_pin` writes it, with bearable costs
    (what the settings file's ``staff_pin_hash`` must be, unless "")."""
    return _parse_hash(stored) is not None


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt = base64.b64decode(parts[4], validate=True)
        digest = base64.b64decode(parts[5], validate=True)
    except ValueError:
        return None
    # Bounds keep a tampered file from making one check take minutes or gigabytes.
    if not (2 <= n <= 2**20 and n & (n - 1) == 0 and 1 <= r <= 32 and 1 <= p <= 16):
        return None
    if not salt or len(digest) != 32:
        return None
    return n, r, p, salt, digest


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # Imported here: hashlib loads OpenSSL's libcrypto, some 5 ms the first frame need not
    # wait for (the show imports this module for the PIN file's format only).
    import hashlib

    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
