using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TuiChat.Client.Core.Security;

/// <summary>
/// A pinned server certificate: the SHA-256 of the leaf certificate (its DER bytes), as printed by
/// <c>openssl x509 -noout -fingerprint -sha256</c>. When a pin is given the client trusts exactly
/// that certificate, whatever its issuer or name, like an ssh host key.
/// </summary>
public sealed class CertificatePin
{
    private readonly byte[] _sha256;

    private CertificatePin(byte[] sha256) => _sha256 = sha256;

    /// <summary>Parses 64 hex digits, case-insensitive, with or without ':' (or spaces) between bytes; an optional "SHA256:" or "sha256 Fingerprint=" prefix is ignored.</summary>
    /// <exception cref="FormatException">Not a SHA-256 fingerprint; the message says what was expected.</exception>
    public static CertificatePin Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out CertificatePin? pin)
            ? pin
            : throw new FormatException(
                $"'{text}' is not a SHA-256 certificate fingerprint: expected 64 hex digits, optionally separated by ':' (e.g. from `openssl x509 -noout -fingerprint -sha256 -in cert.pem`)");
    }

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CertificatePin? pin)
    {
        pin = null;
        if (text is null)
        {
            return false;
        }

        string hex = text.Trim();
        int equals = hex.LastIndexOf('=');
        if (equals >= 0)
        {
            hex = hex[(equals + 1)..]; // "sha256 Fingerprint=AB:CD:..." as openssl prints it
        }
        else if (hex.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase))
        {
            hex = hex["SHA256:".Length..];
        }

        hex = hex.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (hex.Length != SHA256.HashSizeInBytes * 2 || !hex.All(Uri.IsHexDigit))
        {
            return false;
        }

        pin = new CertificatePin(Convert.FromHexString(hex));
        return true;
    }

    /// <summary>The fingerprint of <paramref name="certificate"/> in the form users compare and pass back: "AB:CD:...".</summary>
    public static string FingerprintOf(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Format(SHA256.HashData(certificate.GetRawCertData()));
    }

    public bool Matches(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return CryptographicOperations.FixedTimeEquals(_sha256, SHA256.HashData(certificate.GetRawCertData()));
    }

    public override string ToString() => Format(_sha256);

    private static string Format(byte[] hash) => string.Join(':', hash.Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
}
