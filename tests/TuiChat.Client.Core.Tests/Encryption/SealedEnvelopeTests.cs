using System.Text;
using TuiChat.Client.Core.Encryption;

namespace TuiChat.Client.Core.Tests.Encryption;

public sealed class SealedEnvelopeTests
{
    /// <summary>
    /// alice → bob, "olá bob 👋", with <see cref="TestKeys"/>. Computed independently by
    /// tests/vectors/e2e_vectors.py (Python "cryptography" plus a hand-written HChaCha20), so the
    /// layout, the HKDF inputs, the AEAD header and the signed bytes are pinned, not just round-tripped.
    /// </summary>
    private const string AliceToBobEnvelope =
        "07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c404142434445464748494a4b4c4d4e4f5051" +
        "525354555657001d4aa679f415b2f55b3625e1d937041c255d142dbe2d663945f8c6cf8e824ae4c1f10198d360bc796cb1d1" +
        "bf8a0482444067faaa1c30e38f7d3971d3c9406421395363cbeb2600151e77a21718699e872da815866deef4bb95eb6e4286" +
        "01";

    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("olá bob 👋");

    [Fact]
    public void RawKeys_MatchTheRfcPublicKeys()
    {
        using IdentityKeyPair alice = TestKeys.Alice();
        using IdentityKeyPair bob = TestKeys.Bob();
        Assert.Equal(TestKeys.AliceAgreementPublic, Convert.ToHexStringLower(alice.AgreementPublic));
        Assert.Equal(TestKeys.AliceSigningPublic, Convert.ToHexStringLower(alice.SigningPublic));
        Assert.Equal(TestKeys.BobAgreementPublic, Convert.ToHexStringLower(bob.AgreementPublic));
        Assert.Equal(TestKeys.BobSigningPublic, Convert.ToHexStringLower(bob.SigningPublic));
    }

    [Fact]
    public void FixedKeysAndNonce_GiveTheKnownEnvelope_AndBobOpensIt()
    {
        using IdentityKeyPair alice = TestKeys.Alice();
        using IdentityKeyPair bob = TestKeys.Bob();
        using var ephemeral = TestKeys.Ephemeral();

        byte[] envelope = SealedEnvelope.Seal(alice, "alice", "bob", bob.AgreementPublic, Plaintext, ephemeral, TestKeys.Nonce);

        Assert.Equal(AliceToBobEnvelope, Convert.ToHexStringLower(envelope));
        Assert.Equal(Plaintext, SealedEnvelope.Open(bob, "alice", "bob", alice.SigningPublic, envelope));
    }

    [Fact]
    public void NamesAreMatchedCaseInsensitively_LikeAccounts()
    {
        using IdentityKeyPair alice = TestKeys.Alice();
        using IdentityKeyPair bob = TestKeys.Bob();
        byte[] envelope = SealedEnvelope.Seal(alice, "Alice", "BOB", bob.AgreementPublic, Plaintext);

        Assert.Equal(Plaintext, SealedEnvelope.Open(bob, "alice", "bob", alice.SigningPublic, envelope));
    }

    [Fact]
    public void TwoSeals_OfOneText_Differ()
    {
        using IdentityKeyPair alice = TestKeys.Alice();
        using IdentityKeyPair bob = TestKeys.Bob();
        byte[] first = SealedEnvelope.Seal(alice, "alice", "bob", bob.AgreementPublic, Plaintext);
        byte[] second = SealedEnvelope.Seal(alice, "alice", "bob", bob.AgreementPublic, Plaintext);

        Assert.NotEqual(first, second);
        Assert.False(first.AsSpan().IndexOf(Plaintext) >= 0, "the plaintext must not appear in the envelope");
    }

    public static TheoryData<string, int> TamperedRegions => new()
    {
        { "ephemeral key", 0 },
        { "nonce", 32 },
        { "length", 56 },
        { "ciphertext", 60 },
        { "tag", -64 - 1 },
        { "signature", -1 },
    };

    [Theory]
    [MemberData(nameof(TamperedRegions))]
    public void AnyFlippedByte_IsRefused(string region, int offset)
    {
        using IdentityKeyPair alice = TestKeys.Alice();
        using IdentityKeyPair bob = TestKeys.Bob();
        byte[] envelope = SealedEnvelope.Seal(alice, "alice", "bob", bob.AgreementPublic, Plaintext);
        envelope[offset >= 0 ? offset : envelope.Length + offset] ^= 0x01;

        var refused = Assert.Throws<EnvelopeException>(() => SealedEnvelope.Open(bob, "alice", "bob", alice.SigningPublic, envelope));
        Assert.False(string.IsNullOrEmpty(refused.Message), region);
    }

    [Theory]
    [InlineData("mallory", "bob")]
    [InlineData("alice", "carol")]
    public void ChangedHeader_IsRefused(string claimedSender, string claimedRecipient)
    {
        using IdentityKeyPair alice = TestKeys.Alice();
        using IdentityKeyPair bob = TestKeys.Bob();
        byte[] envelope = SealedEnvelope.Seal(alice, "alice", "bob", bob.AgreementPublic, Plaintext);

        Assert.Throws<EnvelopeException>(() => SealedEnvelope.Open(bob, claimedSender, claimedRecipient, alice.SigningPublic, envelope));
    }

    [Fact]
    public void SignatureOfAnotherKey_IsRefused()
    {
        using IdentityKeyPair alice = TestKeys.Alice();
        using IdentityKeyPair bob = TestKeys.Bob();
        using IdentityKeyPair mallory = IdentityKeyPair.Generate();
        // mallory seals with her own signing key but claims to be alice.
        byte[] forged = SealedEnvelope.Seal(mallory, "alice", "bob", bob.AgreementPublic, Plaintext);

        var refused = Assert.Throws<EnvelopeException>(() => SealedEnvelope.Open(bob, "alice", "bob", alice.SigningPublic, forged));
        Assert.Contains("signature", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongRecipient_CannotOpen()
    {
        using IdentityKeyPair alice = TestKeys.Alice();
        using IdentityKeyPair bob = TestKeys.Bob();
        using IdentityKeyPair carol = IdentityKeyPair.Generate();
        byte[] envelope = SealedEnvelope.Seal(alice, "alice", "bob", bob.AgreementPublic, Plaintext);

        Assert.Throws<EnvelopeException>(() => SealedEnvelope.Open(carol, "alice", "bob", alice.SigningPublic, envelope));
        Assert.Throws<EnvelopeException>(() => SealedEnvelope.Open(carol, "alice", "carol", alice.SigningPublic, envelope));
    }

    [Fact]
    public void TruncatedEnvelope_IsRefused()
    {
        using IdentityKeyPair alice = TestKeys.Alice();
        using IdentityKeyPair bob = TestKeys.Bob();
        byte[] envelope = SealedEnvelope.Seal(alice, "alice", "bob", bob.AgreementPublic, Plaintext);

        Assert.Throws<EnvelopeException>(() => SealedEnvelope.Open(bob, "alice", "bob", alice.SigningPublic, envelope.AsSpan(0, envelope.Length - 1)));
        Assert.Throws<EnvelopeException>(() => SealedEnvelope.Open(bob, "alice", "bob", alice.SigningPublic, envelope.AsSpan(0, 40)));
    }
}
