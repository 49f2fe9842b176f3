using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TuiChat.Server.Security;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using TuiChat.TestSupport;

namespace TuiChat.Server.Tests.Security;

/// <summary>--tls-cert loading and the server handshake, over real loopback sockets.</summary>
public sealed class TlsServerAuthenticatorTests : IDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);
    private readonly TempDataFolder _folder = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _passwordVariable = "TUICHAT_TEST_PFX_" + Guid.NewGuid().ToString("N");

    public TlsServerAuthenticatorTests() => _listener.Start();

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(_passwordVariable, null);
        _listener.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task LoadedPfx_WithPasswordFromTheEnvironment_ServesTls12OrLater()
    {
        string pfx = WritePfx("s3cret-pfx");
        Environment.SetEnvironmentVariable(_passwordVariable, "s3cret-pfx");
        using TlsServerAuthenticator server = TlsServerAuthenticator.Load(pfx, _passwordVariable, HandshakeTimeout);

        using TcpClient client = await ConnectAsync();
        using TcpClient accepted = await _listener.AcceptTcpClientAsync();
        Task<SslStream> serverSide = Task.Run(() => server.Authenticate(accepted.GetStream()));
        await using var clientSide = new SslStream(client.GetStream(), false, (_, certificate, _, _) =>
            certificate is not null && Fingerprint(certificate) == server.Fingerprint);
        await clientSide.AuthenticateAsClientAsync("localhost");
        await using SslStream serverStream = await serverSide.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(serverStream.SslProtocol is SslProtocols.Tls12 or SslProtocols.Tls13);
        await clientSide.WriteAsync("ping"u8.ToArray());
        byte[] received = new byte[4];
        await serverStream.ReadExactlyAsync(received);
        Assert.Equal("ping"u8.ToArray(), received);
    }

    [Fact]
    public async Task SilentPeer_IsCutOffWhenTheHandshakeTimeoutPasses()
    {
        var clock = new ManualTimerTimeProvider();
        using X509Certificate2 certificate = TestCertificates.Create();
        using var server = new TlsServerAuthenticator(certificate, HandshakeTimeout, clock);
        using TcpClient silent = await ConnectAsync();
        using TcpClient accepted = await _listener.AcceptTcpClientAsync();

        Task<SslStream> handshake = Task.Run(() => server.Authenticate(accepted.GetStream()));
        await Eventually.Until(() => clock.ActiveTimers > 0, "the handshake armed its deadline");
        Assert.False(handshake.IsCompleted);
        clock.Advance(HandshakeTimeout);

        var error = await Assert.ThrowsAsync<IOException>(() => handshake.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public void Load_WithAWrongPassword_SaysSo()
    {
        string pfx = WritePfx("right");
        Environment.SetEnvironmentVariable(_passwordVariable, "wrong");

        var error = Assert.Throws<TlsConfigurationException>(() => TlsServerAuthenticator.Load(pfx, _passwordVariable, HandshakeTimeout));

        Assert.Contains("password is wrong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithAnUnsetPasswordVariable_NamesTheVariable()
    {
        string pfx = WritePfx("right");

        var error = Assert.Throws<TlsConfigurationException>(() => TlsServerAuthenticator.Load(pfx, _passwordVariable, HandshakeTimeout));

        Assert.Contains($"{_passwordVariable} is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AMissingOrGarbageFile_IsAClearError()
    {
        string missing = Path.Combine(_folder.Path, "missing.pfx");
        string garbage = Path.Combine(_folder.Path, "garbage.pfx");
        File.WriteAllText(garbage, "not a certificate");

        Assert.Contains("does not exist", Assert.Throws<TlsConfigurationException>(() => TlsServerAuthenticator.Load(missing, null, HandshakeTimeout)).Message, StringComparison.Ordinal);
        Assert.Contains("not a PKCS#12", Assert.Throws<TlsConfigurationException>(() => TlsServerAuthenticator.Load(garbage, null, HandshakeTimeout)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_WithoutPrivateKey_IsRefused()
    {
        using X509Certificate2 withKey = TestCertificates.Create();
        using X509Certificate2 publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);

        var error = Assert.Throws<TlsConfigurationException>(() => new TlsServerAuthenticator(publicOnly, HandshakeTimeout));

        Assert.Contains("no private key", error.Message, StringComparison.Ordinal);
    }

    private static string Fingerprint(X509Certificate certificate) =>
        string.Join(':', SHA256.HashData(certificate.GetRawCertData()).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    private string WritePfx(string password)
    {
        string path = Path.Combine(_folder.Path, "server.pfx");
        File.WriteAllBytes(path, TestCertificates.CreatePfx(password));
        return path;
    }

    private async Task<TcpClient> ConnectAsync()
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
        return client;
    }
}
