using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using TuiChat.Client.Core.Security;
using TuiChat.TestSupport;

namespace TuiChat.Client.Core.Tests.Security;

/// <summary>Real TLS over loopback against a self-signed certificate made in the test.</summary>
public sealed class TlsClientStreamFactoryTests : IDisposable
{
    private readonly X509Certificate2 _certificate = TestCertificates.Create();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public TlsClientStreamFactoryTests() => _listener.Start();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Dispose();
        _certificate.Dispose();
    }

    [Fact]
    public async Task PinnedCertificate_Handshakes_AndCarriesBytesBothWays()
    {
        Task server = ServeEchoAsync();
        CertificatePin pin = CertificatePin.Parse(CertificatePin.FingerprintOf(_certificate));
        byte[] sent = [0, 0, 0, 2, (byte)'{', (byte)'}'];
        byte[] echoed = new byte[sent.Length];
        using (TcpClient client = await ConnectAsync())
        {
            await using SslStream tls = await TlsClientStreamFactory.AuthenticateAsync(client.GetStream(), "localhost", pin);

            Assert.True(tls.SslProtocol is SslProtocols.Tls12 or SslProtocols.Tls13);
            await tls.WriteAsync(sent);
            await tls.ReadExactlyAsync(echoed);
        }

        Assert.Equal(sent, echoed);
        await server.WaitAsync(TimeSpan.FromSeconds(30)); // the echo ends when the client closes
    }

    [Fact]
    public async Task WrongPin_IsRefused_ShowingTheServersFingerprint()
    {
        _ = ServeEchoAsync();
        using TcpClient client = await ConnectAsync();
        using X509Certificate2 other = TestCertificates.Create();
        CertificatePin wrong = CertificatePin.Parse(CertificatePin.FingerprintOf(other));

        var error = await Assert.ThrowsAsync<TlsTrustException>(
            () => TlsClientStreamFactory.AuthenticateAsync(client.GetStream(), "localhost", wrong));

        Assert.Equal(CertificatePin.FingerprintOf(_certificate), error.ServerFingerprint);
        Assert.Contains("does not match the pinned fingerprint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UntrustedSelfSignedCertificate_WithoutPin_IsRefused()
    {
        _ = ServeEchoAsync();
        using TcpClient client = await ConnectAsync();

        var error = await Assert.ThrowsAsync<TlsTrustException>(
            () => TlsClientStreamFactory.AuthenticateAsync(client.GetStream(), "localhost", pin: null));

        Assert.Contains("not trusted", error.Message, StringComparison.Ordinal);
        Assert.Contains($"--tls-fingerprint {CertificatePin.FingerprintOf(_certificate)}", error.Message, StringComparison.Ordinal);
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
        return client;
    }

    /// <summary>Accepts one connection, completes the server side of TLS, echoes what it reads.</summary>
    private async Task ServeEchoAsync()
    {
        using TcpClient peer = await _listener.AcceptTcpClientAsync();
        await using var tls = new SslStream(peer.GetStream());
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate });
            byte[] buffer = new byte[256];
            int read;
            while ((read = await tls.ReadAsync(buffer)) > 0)
            {
                await tls.WriteAsync(buffer.AsMemory(0, read));
            }
        }
        catch (Exception error) when (error is AuthenticationException or IOException)
        {
            // The client refused us: that is what the refusal tests want.
        }
    }
}
