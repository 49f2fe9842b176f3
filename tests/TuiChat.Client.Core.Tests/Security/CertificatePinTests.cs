using System.Security.Cryptography.X509Certificates;
using TuiChat.Client.Core.Security;
using TuiChat.TestSupport;

namespace TuiChat.Client.Core.Tests.Security;

public sealed class CertificatePinTests
{
    private static readonly X509Certificate2 Certificate = TestCertificates.Create();
    private static readonly string Hex = TestCertificates.Sha256Hex(Certificate);

    [Fact]
    public void Parse_AcceptsPlainHex_InEitherCase()
    {
        Assert.True(CertificatePin.Parse(Hex).Matches(Certificate));
        Assert.True(CertificatePin.Parse(Hex.ToLowerInvariant()).Matches(Certificate));
    }

    [Fact]
    public void Parse_AcceptsColonSeparatedBytes_AndOpensslOutput()
    {
        string colons = string.Join(':', Enumerable.Range(0, 32).Select(i => Hex.Substring(i * 2, 2)));

        Assert.True(CertificatePin.Parse(colons.ToLowerInvariant()).Matches(Certificate));
        Assert.True(CertificatePin.Parse($"sha256 Fingerprint={colons}\n").Matches(Certificate));
        Assert.Equal(colons, CertificatePin.Parse(Hex).ToString());
        Assert.Equal(colons, CertificatePin.FingerprintOf(Certificate));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcd")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("00000000000000000000000000000000000000000000000000000000000000000000")]
    public void Parse_RefusesAnythingButA256BitHexFingerprint(string text)
    {
        var error = Assert.Throws<FormatException>(() => CertificatePin.Parse(text));
        Assert.Contains("64 hex digits", error.Message, StringComparison.Ordinal);
        Assert.False(CertificatePin.TryParse(text, out _));
    }

    [Fact]
    public void Matches_IsFalseForAnotherCertificate()
    {
        using X509Certificate2 other = TestCertificates.Create();

        Assert.False(CertificatePin.Parse(Hex).Matches(other));
    }
}
