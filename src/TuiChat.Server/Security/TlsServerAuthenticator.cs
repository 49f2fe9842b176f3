using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TuiChat.Server.Security;

/// <summary>
/// The server side of TLS: holds the certificate loaded from --tls-cert and wraps each accepted
/// connection in an <see cref="SslStream"/> (TLS 1.2/1.3, server authentication only). The
/// chat framing runs unchanged inside. Called on the connection's own thread, before hello.
/// </summary>
public sealed class TlsServerAuthenticator : IDisposable
{
    private readonly X509Certificate2 _certificate;
    private readonly SslServerAuthenticationOptions _options;
    private readonly TimeSpan _handshakeTimeout;
    private readonly TimeProvider _time;

    /// <param name="certificate">The server's certificate, with its private key.</param>
    /// <param name="handshakeTimeout">How long a peer may take to finish the handshake.</param>
    /// <param name="time">The clock for that timeout (tests pass a manual one).</param>
    /// <param name="intermediates">CA certificates sent along so clients can build the chain.</param>
    public TlsServerAuthenticator(X509Certificate2 certificate, TimeSpan handshakeTimeout, TimeProvider? time = null, X509Certificate2Collection? intermediates = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new TlsConfigurationException($"the certificate {certificate.Subject} has no private key; export it with its key (openssl pkcs12 -export -inkey key.pem ...)");
        }

        _certificate = certificate;
        _handshakeTimeout = handshakeTimeout;
        _time = time ?? TimeProvider.System;
        _options = new SslServerAuthenticationOptions
        {
            // Built once: the certificate context (chain included) is then shared by every handshake.
            ServerCertificateContext = SslStreamCertificateContext.Create(certificate, intermediates, offline: true),
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateRequired = false,
        };
    }

    /// <summary>SHA-256 of the certificate, "AB:CD:...", the value clients pass to --tls-fingerprint.</summary>
    public string Fingerprint => string.Join(':', SHA256.HashData(_certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    public string Subject => _certificate.Subject;

    public DateTime NotAfter => _certificate.NotAfter;

    /// <summary>
    /// Loads a PKCS#12 (.pfx) file. The password, if any, is read from the environment variable
    /// <paramref name="passwordVariable"/> so it never appears on a command line.
    /// </summary>
    /// <exception cref="TlsConfigurationException">Missing file, unset variable, wrong password, no private key.</exception>
    public static TlsServerAuthenticator Load(string pfxPath, string? passwordVariable, TimeSpan handshakeTimeout, TimeProvider? time = null)
    {
        string? password = null;
        if (!string.IsNullOrEmpty(passwordVariable))
        {
            password = Environment.GetEnvironmentVariable(passwordVariable)
                ?? throw new TlsConfigurationException($"the certificate password variable {passwordVariable} is not set");
        }

        if (!File.Exists(pfxPath))
        {
            throw new TlsConfigurationException($"the certificate file {pfxPath} does not exist");
        }

        X509Certificate2Collection all;
        try
        {
            all = X509CertificateLoader.LoadPkcs12CollectionFromFile(pfxPath, password);
        }
        catch (CryptographicException error)
        {
            throw new TlsConfigurationException(
                $"cannot read the certificate {pfxPath}: it is not a PKCS#12 (.pfx) file or the password is wrong ({error.Message})", error);
        }

        // A .pfx may carry the CA chain too: the entry with the private key is the server's own.
        X509Certificate2? leaf = all.FirstOrDefault(c => c.HasPrivateKey);
        if (leaf is null)
        {
            DisposeAll(all);
            throw new TlsConfigurationException($"the certificate file {pfxPath} holds no private key; export it with its key (openssl pkcs12 -export -inkey key.pem ...)");
        }

        var intermediates = new X509Certificate2Collection(all.Where(c => c != leaf).ToArray());
        try
        {
            return new TlsServerAuthenticator(leaf, handshakeTimeout, time, intermediates);
        }
        catch
        {
            DisposeAll(all);
            throw;
        }
    }

    /// <summary>
    /// Runs the handshake on <paramref name="transport"/>, blocking the calling connection thread
    /// at most the handshake timeout, so a peer that connects and stays silent cannot hold it.
    /// The returned stream owns <paramref name="transport"/>.
    /// </summary>
    /// <exception cref="IOException">The peer did not finish the handshake in time (the inner exception is a
    /// <see cref="TimeoutException"/>), or the connection broke.</exception>
    /// <exception cref="AuthenticationException">The peer is not speaking acceptable TLS.</exception>
    public SslStream Authenticate(Stream transport)
    {
        var tls = new SslStream(transport, leaveInnerStreamOpen: false);
        using var deadline = new CancellationTokenSource(_handshakeTimeout, _time);
        try
        {
            tls.AuthenticateAsServerAsync(_options, deadline.Token).GetAwaiter().GetResult();
            return tls;
        }
        catch (OperationCanceledException error) when (deadline.IsCancellationRequested)
        {
            tls.Dispose();
            // An IOException like any other broken connection, so the connection's reader ends quietly.
            throw new IOException($"the TLS handshake did not finish within {_handshakeTimeout.TotalSeconds:0.#} s",
                new TimeoutException(error.Message, error));
        }
        catch
        {
            tls.Dispose();
            throw;
        }
    }

    public void Dispose() => _certificate.Dispose();

    private static void DisposeAll(X509Certificate2Collection certificates)
    {
        foreach (X509Certificate2 certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
