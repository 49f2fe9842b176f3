using NSec.Cryptography;

namespace TuiChat.Client.Core.Encryption;

/// <summary>
/// A user's long-term identity: an X25519 key for agreement (others encrypt to it) and an Ed25519
/// key for signatures (the user signs every envelope). The private halves never leave this
/// process except encrypted in the <see cref="KeyFile"/>.
/// </summary>
public sealed class IdentityKeyPair : IDisposable
{
    public const int PrivateKeyBytes = 32;

    private IdentityKeyPair(Key agreement, Key signing)
    {
        Agreement = agreement;
        Signing = signing;
        AgreementPublic = agreement.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        SigningPublic = signing.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    internal Key Agreement { get; }

    internal Key Signing { get; }

    /// <summary>The raw 32-byte X25519 public key.</summary>
    public byte[] AgreementPublic { get; }

    /// <summary>The raw 32-byte Ed25519 public key.</summary>
    public byte[] SigningPublic { get; }

    public static IdentityKeyPair Generate() =>
        new(Key.Create(KeyAgreementAlgorithm.X25519, Exportable()), Key.Create(SignatureAlgorithm.Ed25519, Exportable()));

    /// <summary>From raw private keys (32 bytes each): the key file's content, or fixed keys in tests.</summary>
    public static IdentityKeyPair FromPrivateKeys(ReadOnlySpan<byte> agreement, ReadOnlySpan<byte> signing) =>
        new(Key.Import(KeyAgreementAlgorithm.X25519, agreement, KeyBlobFormat.RawPrivateKey, Exportable()),
            Key.Import(SignatureAlgorithm.Ed25519, signing, KeyBlobFormat.RawPrivateKey, Exportable()));

    /// <summary>Both raw private keys, agreement then signing (64 bytes), for the key file only.</summary>
    internal byte[] ExportPrivateKeys() =>
        [.. Agreement.Export(KeyBlobFormat.RawPrivateKey), .. Signing.Export(KeyBlobFormat.RawPrivateKey)];

    /// <summary>The public keys of <paramref name="user"/> with this pair's own signature over them.</summary>
    public PublicIdentity Publish(string user) => PublicIdentity.Create(user, this);

    internal byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(Signing, data);

    /// <summary>The key file must hold the private keys, so they may be exported (only ever encrypted).</summary>
    private static KeyCreationParameters Exportable() => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    public void Dispose()
    {
        Agreement.Dispose();
        Signing.Dispose();
    }
}
