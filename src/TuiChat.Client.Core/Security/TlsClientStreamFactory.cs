using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace TuiChat.Client.Core.Security;

/// <summary>
/// Turns a connected transport into a TLS stream for the chat protocol (the framing inside is
/// unchanged). Without a pin the server's certificate must chain to the system trust store and
/// match <c>host</c>; with a pin only the leaf certificate's SHA-256 counts.
/// </summary>
public static class TlsClientStreamFactory
{
    /// <summary>
    /// Runs the TLS 1.2/1.3 handshake over <paramref name="transport"/> and returns the encrypted
    /// stream, which owns <paramref name="transport"/> from then on (disposing it closes both).
    /// </summary>
    /// <param name="transport">A connected stream, usually a NetworkStream.</param>
    /// <param name="host">The name the client connected to; checked against the certificate when no pin is given.</param>
    /// <param name="pin">The pinned certificate, or null to trust the system store.</param>
    /// <exception cref="TlsTrustException">The certificate was refused; the message says why.</exception>
    /// <exception cref="AuthenticationException">The handshake failed for another reason (no common protocol, ...).</exception>
    /// <exception cref="IOException">The connection broke during the handshake.</exception>
    public static async Task<SslStream> AuthenticateAsync(Stream transport, string host, CertificatePin? pin, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentException.ThrowIfNullOrEmpty(host);

        TlsTrustException? refusal = null;
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                refusal = Check(certificate, errors, pin);
                return refusal is null;
            },
        };

        var tls = new SslStream(transport, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return tls;
        }
        catch (AuthenticationException error) when (refusal is not null)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw new TlsTrustException(refusal.Message, error) { ServerFingerprint = refusal.ServerFingerprint };
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Null when the certificate is trusted, else the reason it is not.</summary>
    private static TlsTrustException? Check(X509Certificate? certificate, SslPolicyErrors errors, CertificatePin? pin)
    {
        if (certificate is null)
        {
            return new TlsTrustException("the server sent no certificate");
        }

        string fingerprint = CertificatePin.FingerprintOf(certificate);
        if (pin is not null)
        {
            return pin.Matches(certificate)
                ? null
                : new TlsTrustException($"the server's certificate (SHA-256 {fingerprint}) does not match the pinned fingerprint {pin}; refusing to connect")
                {
                    ServerFingerprint = fingerprint,
                };
        }

        return errors == SslPolicyErrors.None
            ? null
            : new TlsTrustException(
                $"the server's certificate is not trusted ({errors}). If this is a self-signed server certificate, check its fingerprint with the operator and connect with --tls-fingerprint {fingerprint}")
            {
                ServerFingerprint = fingerprint,
            };
    }
}
