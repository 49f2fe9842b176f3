using NSec.Cryptography;
using TuiChat.Client.Core.Encryption;

namespace TuiChat.Client.Core.Tests.Encryption;

/// <summary>
/// Fixed identities for known-answer tests: the X25519 keys of RFC 7748 section 6.1 and the
/// Ed25519 keys of RFC 8032 section 7.1 (tests 1 and 2), so the raw key handling is checked
/// against published values too.
/// </summary>
internal static class TestKeys
{
    public const string AliceAgreementPrivate = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    public const string AliceAgreementPublic = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    public const string AliceSigningPrivate = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    public const string AliceSigningPublic = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    public const string BobAgreementPrivate = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    public const string BobAgreementPublic = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    public const string BobSigningPrivate = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
    public const string BobSigningPublic = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";

    /// <summary>The fixed ephemeral key and nonce of the envelope vector: bytes 0x01..0x20 and 0x40..0x57.</summary>
    public static readonly byte[] EphemeralPrivate = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    public static readonly byte[] Nonce = [.. Enumerable.Range(0x40, 24).Select(i => (byte)i)];

    public static IdentityKeyPair Alice() =>
        IdentityKeyPair.FromPrivateKeys(Convert.FromHexString(AliceAgreementPrivate), Convert.FromHexString(AliceSigningPrivate));

    public static IdentityKeyPair Bob() =>
        IdentityKeyPair.FromPrivateKeys(Convert.FromHexString(BobAgreementPrivate), Convert.FromHexString(BobSigningPrivate));

    public static Key Ephemeral() => Key.Import(KeyAgreementAlgorithm.X25519, EphemeralPrivate, KeyBlobFormat.RawPrivateKey);
}
