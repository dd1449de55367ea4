#!/usr/bin/env python3
"""Independent computation of Wisp's device-group vectors (see README.md).

Uses only Python's hashlib (BLAKE2b) and the `cryptography` package (X25519, Argon2id), never Wisp's code, and
follows the formulas of libsession's docs/protocol-v2.md. Prints key=hex lines for device_group_vectors.txt.
"""
import hashlib
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives import serialization

RAW = dict(encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw)


def b2b(data, size, person, key=b""):
    return hashlib.blake2b(data, digest_size=size, person=person, key=key).digest()


def pub(secret):
    return X25519PrivateKey.from_private_bytes(secret).public_key().public_bytes(**RAW)


def dh(secret, public):
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    return X25519PrivateKey.from_private_bytes(secret).exchange(X25519PublicKey.from_public_bytes(public))


def sas_indices(seed16):
    value = int.from_bytes(seed16, "little")
    return [(value >> (6 * k)) & 0x3F for k in range(21)]


out = {}
# Link SAS of a fixed "signed request" M (any bytes: the derivation does not parse them).
M = bytes(range(200))
salt = b2b(M, 16, b"SessionLinkEmoji")
seed = Argon2id(salt=salt, length=16, iterations=2, lanes=1, memory_cost=16 * 1024).derive(M)
out["link_sas_message"] = M.hex()
out["link_sas_salt"] = salt.hex()
out["link_sas_seed"] = seed.hex()
out["link_sas_indices"] = ",".join(map(str, sas_indices(seed)))

# Group identifier: created 2026-12-03 19:00 UTC in minutes, random half 0xa1b2c3d4.
minutes = 1796324400 // 60
gid = minutes.to_bytes(4, "little") + bytes.fromhex("a1b2c3d4")
gseed = b2b(gid, 16, b"SessionDvGrp_SAS")
out["group_id"] = gid.hex()
out["group_sas_seed"] = gseed.hex()
out["group_sas_indices"] = ",".join(map(str, sas_indices(gseed)))
account_seed = bytes([0x11] * 32)
A = pub(bytes([0x22] * 32))
out["account_seed"] = account_seed.hex()
out["ephemeral_secret"] = (bytes([0x22] * 32)).hex()
out["ephemeral_public"] = A.hex()
out["group_id_key"] = b2b(account_seed, 32, b"SessionDvGrpID_K").hex()
out["group_id_nonce"] = b2b(A, 24, b"SessionDvGrpID_N").hex()

# A kicked entry for a device id.
device_id = bytes(range(32))
out["device_id"] = device_id.hex()
out["kicked_entry"] = b2b(account_seed + device_id, 16, b"SessionDevKicked", key=A).hex()

# Link request key indicator and key/nonce: e fixed, S the account X25519 key, X the group's link key.
e = bytes([0x33] * 32)
s_secret = bytes([0x44] * 32)
x_secret = bytes([0x55] * 32)
E, S, X = pub(e), pub(s_secret), pub(x_secret)
kiss = b2b(E + S, 2, b"SessionDvGrpKISS", key=dh(e, S))
kn = b2b(dh(e, X) + E + X, 56, b"SessionDvGrpLink")
out["link_e"] = e.hex()
out["link_S_secret"] = s_secret.hex()
out["link_X_secret"] = x_secret.hex()
out["link_E"] = E.hex()
out["link_indicator"] = bytes([X[0] ^ kiss[0], X[1] ^ kiss[1]]).hex()
out["link_key"] = kn[:32].hex()
out["link_nonce"] = kn[32:].hex()

for k, v in out.items():
    print(f"{k}={v}")
