using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.Encryption;

/// <summary>
/// One message sealed for one recipient: an ephemeral X25519 key agrees a secret with the
/// recipient's identity key, HKDF-SHA256 turns it into an XChaCha20-Poly1305 key, and the sender's
/// Ed25519 key signs the header (sender, recipient, nonce), the ephemeral key, the recipient's key
/// and the ciphertext. Layout: ephemeral (32) | nonce (24) | ciphertext length (2, big-endian) |
/// ciphertext with tag | signature (64).
/// </summary>
public static class SealedEnvelope
{
    public const int KeyBytes = 32;
    public const int NonceBytes = 24;
    public const int SignatureBytes = 64;
    public const int TagBytes = 16;

    /// <summary>Bytes an envelope adds to its plaintext.</summary>
    public const int Overhead = KeyBytes + NonceBytes + 2 + TagBytes + SignatureBytes;

    private static readonly byte[] HeaderContext = "tuichat-e2e-v1"u8.ToArray();
    private static readonly byte[] KeyInfo = "tuichat-e2e-v1 message key"u8.ToArray();
    private static readonly AeadAlgorithm Aead = AeadAlgorithm.XChaCha20Poly1305;

    /// <summary>Seals <paramref name="plaintext"/> from <paramref name="sender"/> to <paramref name="recipient"/>'s agreement key.</summary>
    public static byte[] Seal(IdentityKeyPair senderKeys, string sender, string recipient, ReadOnlySpan<byte> recipientAgreement,
        ReadOnlySpan<byte> plaintext)
    {
        using Key ephemeral = Key.Create(KeyAgreementAlgorithm.X25519);
        return Seal(senderKeys, sender, recipient, recipientAgreement, plaintext, ephemeral, RandomNumberGenerator.GetBytes(NonceBytes));
    }

    /// <summary>With a given ephemeral key and nonce: for known-answer tests only; real use takes fresh random ones.</summary>
    internal static byte[] Seal(IdentityKeyPair senderKeys, string sender, string recipient, ReadOnlySpan<byte> recipientAgreement,
        ReadOnlySpan<byte> plaintext, Key ephemeral, ReadOnlySpan<byte> nonce)
    {
        ArgumentNullException.ThrowIfNull(senderKeys);
        ArgumentNullException.ThrowIfNull(ephemeral);
        byte[] ephemeralPublic = ephemeral.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        byte[] header = Header(sender, recipient, nonce);
        byte[] ciphertext;
        using (Key messageKey = DeriveKey(ephemeral, ImportAgreement(recipientAgreement), ephemeralPublic, recipientAgreement))
        {
            ciphertext = Aead.Encrypt(messageKey, nonce, header, plaintext);
        }
        byte[] signature = senderKeys.Sign(SignedBytes(header, ephemeralPublic, recipientAgreement, ciphertext));

        byte[] envelope = new byte[KeyBytes + NonceBytes + 2 + ciphertext.Length + SignatureBytes];
        Span<byte> rest = envelope;
        ephemeralPublic.CopyTo(rest);
        nonce.CopyTo(rest[KeyBytes..]);
        BinaryPrimitives.WriteUInt16BigEndian(rest[(KeyBytes + NonceBytes)..], checked((ushort)ciphertext.Length));
        ciphertext.CopyTo(rest[(KeyBytes + NonceBytes + 2)..]);
        signature.CopyTo(rest[^SignatureBytes..]);
        return envelope;
    }

    /// <summary>
    /// Checks the signature with <paramref name="senderSigning"/> and decrypts with the recipient's keys.
    /// Throws <see cref="EnvelopeException"/> when anything was changed or the envelope is not for these keys.
    /// </summary>
    public static byte[] Open(IdentityKeyPair recipientKeys, string sender, string recipient, ReadOnlySpan<byte> senderSigning,
        ReadOnlySpan<byte> envelope)
    {
        ArgumentNullException.ThrowIfNull(recipientKeys);
        if (envelope.Length < Overhead)
        {
            throw new EnvelopeException("the encrypted message is truncated");
        }
        ReadOnlySpan<byte> ephemeralPublic = envelope[..KeyBytes];
        ReadOnlySpan<byte> nonce = envelope.Slice(KeyBytes, NonceBytes);
        int length = BinaryPrimitives.ReadUInt16BigEndian(envelope[(KeyBytes + NonceBytes)..]);
        if (envelope.Length != KeyBytes + NonceBytes + 2 + length + SignatureBytes || length < TagBytes)
        {
            throw new EnvelopeException("the encrypted message is malformed");
        }
        ReadOnlySpan<byte> ciphertext = envelope.Slice(KeyBytes + NonceBytes + 2, length);
        ReadOnlySpan<byte> signature = envelope[^SignatureBytes..];

        byte[] header = Header(sender, recipient, nonce);
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, senderSigning, KeyBlobFormat.RawPublicKey, out PublicKey? signingKey) || signingKey is null
            || !SignatureAlgorithm.Ed25519.Verify(signingKey, SignedBytes(header, ephemeralPublic, recipientKeys.AgreementPublic, ciphertext), signature))
        {
            throw new EnvelopeException(
                $"the signature does not match: changed on the way, not signed by {sender}'s key, or sealed to another (earlier) key of {recipient}");
        }
        using Key messageKey = DeriveKey(recipientKeys.Agreement, ImportAgreement(ephemeralPublic), ephemeralPublic, recipientKeys.AgreementPublic);
        return Aead.Decrypt(messageKey, nonce, header, ciphertext)
            ?? throw new EnvelopeException("the encrypted message does not decrypt with your key");
    }

    private static PublicKey ImportAgreement(ReadOnlySpan<byte> raw) =>
        PublicKey.TryImport(KeyAgreementAlgorithm.X25519, raw, KeyBlobFormat.RawPublicKey, out PublicKey? key) && key is not null
            ? key
            : throw new EnvelopeException("the encryption key is malformed");

    private static Key DeriveKey(Key own, PublicKey other, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientAgreement)
    {
        using SharedSecret secret = KeyAgreementAlgorithm.X25519.Agree(own, other)
            ?? throw new EnvelopeException("the encryption key is unusable (low-order point)");
        byte[] salt = [.. ephemeralPublic, .. recipientAgreement];
        return KeyDerivationAlgorithm.HkdfSha256.DeriveKey(secret, salt, KeyInfo, Aead);
    }

    /// <summary>What the AEAD authenticates and the signature covers: who to whom, and the nonce.</summary>
    private static byte[] Header(string sender, string recipient, ReadOnlySpan<byte> nonce)
    {
        byte[] from = Encoding.UTF8.GetBytes(NameRules.Key(sender));
        byte[] to = Encoding.UTF8.GetBytes(NameRules.Key(recipient));
        return [.. HeaderContext, (byte)from.Length, .. from, (byte)to.Length, .. to, .. nonce];
    }

    private static byte[] SignedBytes(byte[] header, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> recipientAgreement,
        ReadOnlySpan<byte> ciphertext) =>
        [.. header, .. ephemeralPublic, .. recipientAgreement, .. ciphertext];
}
