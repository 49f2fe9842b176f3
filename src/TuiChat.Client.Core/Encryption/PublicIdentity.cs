using System.Text;
using NSec.Cryptography;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Encryption;

/// <summary>
/// A user's published identity keys: X25519 <see cref="Agreement"/> and Ed25519 <see cref="Signing"/>
/// (32 raw bytes each), with the owner's <see cref="Signature"/> over both and the user's name. The
/// server is a directory: the signature shows the keys belong together, not who owns them; the
/// safety number (<see cref="SafetyNumber"/>) and the pin (<see cref="TrustStore"/>) do that.
/// </summary>
public sealed record PublicIdentity(string User, byte[] Agreement, byte[] Signing, byte[] Signature)
{
    private static readonly byte[] Context = "tuichat-identity-v1"u8.ToArray();

    internal static PublicIdentity Create(string user, IdentityKeyPair keys) =>
        new(user, keys.AgreementPublic, keys.SigningPublic, keys.Sign(SignedBytes(user, keys.AgreementPublic, keys.SigningPublic)));

    /// <summary>The keys of a <c>keys.get</c> reply; null when the user published none or the reply is malformed.</summary>
    public static PublicIdentity? FromReply(KeysOk reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Agreement is null || reply.Signing is null || reply.Signature is null)
        {
            return null;
        }
        try
        {
            var identity = new PublicIdentity(reply.User, Convert.FromBase64String(reply.Agreement),
                Convert.FromBase64String(reply.Signing), Convert.FromBase64String(reply.Signature));
            return identity.Agreement.Length == 32 && identity.Signing.Length == 32 && identity.Signature.Length == 64 ? identity : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public KeysPutRequest ToRequest() => new()
    {
        Agreement = Convert.ToBase64String(Agreement),
        Signing = Convert.ToBase64String(Signing),
        Signature = Convert.ToBase64String(Signature),
    };

    /// <summary>True when <see cref="Signature"/> is the signing key's own signature over both keys and the name.</summary>
    public bool IsSelfSigned()
    {
        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, Signing, KeyBlobFormat.RawPublicKey, out PublicKey? key) || key is null)
        {
            return false;
        }
        return SignatureAlgorithm.Ed25519.Verify(key, SignedBytes(User, Agreement, Signing), Signature);
    }

    /// <summary>Same keys (the signature and the name's spelling do not matter).</summary>
    public bool SameKeys(byte[] agreement, byte[] signing) =>
        Agreement.AsSpan().SequenceEqual(agreement) && Signing.AsSpan().SequenceEqual(signing);

    private static byte[] SignedBytes(string user, byte[] agreement, byte[] signing) =>
        [.. Context, 0, .. Encoding.UTF8.GetBytes(NameRules.Key(user)), 0, .. agreement, .. signing];
}
