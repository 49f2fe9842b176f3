using TuiChat.Client.Core.Encryption;

namespace TuiChat.Client.Core.Tests.Encryption;

public sealed class SafetyNumberTests
{
    [Fact]
    public void BothSides_Print60DigitsInGroupsOf5_TheSame()
    {
        using IdentityKeyPair alice = TestKeys.Alice();
        using IdentityKeyPair bob = TestKeys.Bob();

        string seenByAlice = SafetyNumber.Compute("alice", alice.AgreementPublic, alice.SigningPublic, "bob", bob.AgreementPublic, bob.SigningPublic);
        string seenByBob = SafetyNumber.Compute("Bob", bob.AgreementPublic, bob.SigningPublic, "alice", alice.AgreementPublic, alice.SigningPublic);

        Assert.Equal(seenByAlice, seenByBob);
        Assert.Matches(@"^\d{5}( \d{5}){11}$", seenByAlice);
    }

    [Fact]
    public void AnotherKey_GivesAnotherNumber()
    {
        using IdentityKeyPair alice = TestKeys.Alice();
        using IdentityKeyPair bob = TestKeys.Bob();
        using IdentityKeyPair mallory = IdentityKeyPair.Generate();

        string real = SafetyNumber.Compute("alice", alice.AgreementPublic, alice.SigningPublic, "bob", bob.AgreementPublic, bob.SigningPublic);
        string forged = SafetyNumber.Compute("alice", alice.AgreementPublic, alice.SigningPublic, "bob", mallory.AgreementPublic, mallory.SigningPublic);

        Assert.NotEqual(real, forged);
    }

    [Fact]
    public void PublishedIdentity_IsSelfSigned_AndBoundToItsName()
    {
        using IdentityKeyPair bob = TestKeys.Bob();
        using IdentityKeyPair alice = TestKeys.Alice();
        PublicIdentity published = bob.Publish("bob");

        Assert.True(published.IsSelfSigned());
        Assert.False((published with { User = "carol" }).IsSelfSigned());
        Assert.False((published with { Agreement = alice.AgreementPublic }).IsSelfSigned());
    }
}
