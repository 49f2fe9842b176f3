using TuiChat.Server.Accounts;

namespace TuiChat.Server.Tests.Accounts;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Hash_IsSelfDescribing_Salted_AndVerifies()
    {
        var hasher = new PasswordHasher(iterations: 1000);

        string a = hasher.Hash("correct horse");
        string b = hasher.Hash("correct horse");

        string[] parts = a.Split('$');
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("1000", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
        Assert.NotEqual(a, b);
        Assert.True(PasswordHasher.Verify("correct horse", a));
        Assert.False(PasswordHasher.Verify("correct horsE", a));
    }

    [Fact]
    public void Production_Default_IsAtLeast600kIterations()
    {
        Assert.True(PasswordHasher.DefaultIterations >= 600_000);
        Assert.Equal(PasswordHasher.DefaultIterations, new ServerOptions().PasswordIterations);
    }

    [Fact]
    public void Verify_UsesTheIterationCountInTheString()
    {
        string stored = new PasswordHasher(iterations: 1200).Hash("pw-12345");

        Assert.True(PasswordHasher.Verify("pw-12345", stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("md5$1$x$y")]
    [InlineData("pbkdf2-sha256$zero$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64!$AAAA")]
    public void Verify_RejectsMalformedHashes(string stored)
    {
        Assert.False(PasswordHasher.Verify("anything", stored));
    }
}
