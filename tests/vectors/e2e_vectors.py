#!/usr/bin/env python3
"""Independent computation of the envelope known-answer vector in SealedEnvelopeTests.

Uses the Python "cryptography" package (X25519, Ed25519, HKDF-SHA256, ChaCha20-Poly1305) and a
hand-written HChaCha20 for the XChaCha20 nonce extension (draft-irtf-cfrg-xchacha), so the C#
envelope is checked against a second implementation, not against itself.
Run: python3 tests/vectors/e2e_vectors.py
"""
import struct

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def rotl(v, c):
    return ((v << c) & 0xFFFFFFFF) | (v >> (32 - c))


def quarter(s, a, b, c, d):
    s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 16)
    s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 12)
    s[a] = (s[a] + s[b]) & 0xFFFFFFFF; s[d] = rotl(s[d] ^ s[a], 8)
    s[c] = (s[c] + s[d]) & 0xFFFFFFFF; s[b] = rotl(s[b] ^ s[c], 7)


def hchacha20(key, nonce16):
    s = list(struct.unpack("<4I", b"expand 32-byte k")) + list(struct.unpack("<8I", key)) + list(struct.unpack("<4I", nonce16))
    for _ in range(10):
        quarter(s, 0, 4, 8, 12); quarter(s, 1, 5, 9, 13); quarter(s, 2, 6, 10, 14); quarter(s, 3, 7, 11, 15)
        quarter(s, 0, 5, 10, 15); quarter(s, 1, 6, 11, 12); quarter(s, 2, 7, 8, 13); quarter(s, 3, 4, 9, 14)
    return struct.pack("<8I", *(s[0:4] + s[12:16]))


def xchacha20poly1305_encrypt(key, nonce24, plaintext, aad):
    subkey = hchacha20(key, nonce24[:16])
    return ChaCha20Poly1305(subkey).encrypt(b"\0" * 4 + nonce24[16:], plaintext, aad)


def header(sender, recipient, nonce):
    f, t = sender.lower().encode(), recipient.lower().encode()
    return b"tuichat-e2e-v1" + bytes([len(f)]) + f + bytes([len(t)]) + t + nonce


def envelope(sender_signing, sender, recipient, recipient_agreement_pub, plaintext, ephemeral_priv, nonce):
    eph = X25519PrivateKey.from_private_bytes(ephemeral_priv)
    eph_pub = eph.public_key().public_bytes(*RAW)
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_agreement_pub))
    key = HKDF(hashes.SHA256(), 32, salt=eph_pub + recipient_agreement_pub, info=b"tuichat-e2e-v1 message key").derive(shared)
    h = header(sender, recipient, nonce)
    ct = xchacha20poly1305_encrypt(key, nonce, plaintext, h)
    sig = sender_signing.sign(h + eph_pub + recipient_agreement_pub + ct)
    return eph_pub + nonce + struct.pack(">H", len(ct)) + ct + sig


def main():
    # The XChaCha20 test vector of draft-irtf-cfrg-xchacha-03 section 2.2.1 checks hchacha20 first.
    assert hchacha20(bytes(range(32)), bytes.fromhex("000000090000004a0000000031415927")).hex() == \
        "82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc"
    alice_signing = Ed25519PrivateKey.from_private_bytes(bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
    bob_agreement_pub = X25519PrivateKey.from_private_bytes(
        bytes.fromhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")).public_key().public_bytes(*RAW)
    ephemeral = bytes(range(1, 33))
    nonce = bytes(range(0x40, 0x40 + 24))
    print(envelope(alice_signing, "alice", "bob", bob_agreement_pub, "olá bob 👋".encode(), ephemeral, nonce).hex())


if __name__ == "__main__":
    main()
