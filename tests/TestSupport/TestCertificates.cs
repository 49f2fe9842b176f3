using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TuiChat.TestSupport;

/// <summary>
/// Self-signed server certificates made in-process for TLS tests (no files, no openssl, no
/// internet). ECDSA P-256 because it is generated in microseconds; the server accepts RSA too.
/// </summary>
public static class TestCertificates
{
    /// <summary>A certificate for "localhost" and 127.0.0.1 with its private key, as a PKCS#12 blob.</summary>
    public static byte[] CreatePfx(string? password, string subject = "CN=localhost")
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // server auth
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());

        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        return certificate.Export(X509ContentType.Pfx, password);
    }

    /// <summary>
    /// A certificate with a usable private key. Round-tripping through PKCS#12 is what makes the
    /// key usable by SslStream on every platform (Windows refuses an ephemeral in-memory key).
    /// </summary>
    public static X509Certificate2 Create(string subject = "CN=localhost") =>
        X509CertificateLoader.LoadPkcs12(CreatePfx(null, subject), null);

    public static string Sha256Hex(X509Certificate certificate) =>
        Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
}
