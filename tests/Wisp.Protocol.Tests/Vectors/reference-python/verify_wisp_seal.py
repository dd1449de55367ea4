#!/usr/bin/env python3
"""Checks, with the same independent reference as generate_v2.py, that a v2 message sealed by Wisp with a fixed
ephemeral key is byte for byte what the spec gives: it takes the ML-KEM shared secret by decapsulating Wisp's
ciphertext with the account key, recomputes every other byte itself and compares. On success it records the
message in protocol_v2.json under "wisp_deterministic" for Wisp's test to reproduce.

Run: python3 verify_wisp_seal.py E_HEX COINS_HEX MESSAGE_HEX
"""
import hashlib
import json
import sys

from cryptography.hazmat.primitives.asymmetric import x25519

exec(open("generate_v2.py").read().replace("\nmain()\n", "\n"))

e_hex, coins_hex, message_hex = sys.argv[1:4]
message = bytes.fromhex(message_hex)
data = json.load(open("protocol_v2.json"))
s_sk, s_pk, _, _ = ed_keys(bytes.fromhex(data["sender_seed"]))
_, _, _, r_x = ed_keys(bytes.fromhex(data["recipient_seed"]))
recipient_id = b"\x05" + r_x
a_xsk, a_x, a_msk, a_m = account_key(bytes.fromhex(data["account_key"]["seed"]))
content = b"wisp to session"

e = x25519.X25519PrivateKey.from_private_bytes(bytes.fromhex(e_hex))
E = raw(e.public_key())
kiss = hashlib.blake2b(E + r_x, digest_size=2, key=e.exchange(x25519.X25519PublicKey.from_public_bytes(r_x)),
                       person=b"Session-Msg-KISS").digest()
ct = message[36:36 + 1088]
ssm = a_msk.decapsulate(ct)
ssx = e.exchange(x25519.X25519PublicKey.from_public_bytes(a_x))
ss = hashlib.sha3_256(ssm + ssx + E + a_x + b"\\.//^\\").digest()
kn = hashlib.shake_256(b"SessionV2MessageSS" + ss).digest(56)
expected = (b"\x00\x02" + bytes([a_m[0] ^ kiss[0], a_m[1] ^ kiss[1]]) + E + ct
            + xchacha20poly1305(kn[:32], kn[32:], pad(inner(s_sk, s_pk, recipient_id, content, []))))
assert expected == message, "Wisp's message differs from the reference"
data["wisp_deterministic"] = {"ephemeral_secret": e_hex, "mlkem_coins": coins_hex, "content": content.hex(), "message": message_hex}
json.dump(data, open("protocol_v2.json", "w"), indent=1)
print("identical:", len(message), "bytes")
