using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using TuiChat.Protocol;
using TuiChat.Server.Security;
using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Storage;
using TuiChat.TestSupport;

namespace TuiChat.Server.Tests.Security;

/// <summary>The real server with a certificate: the same protocol, inside TLS.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit 2 ends a test class through IAsyncLifetime.DisposeAsync, which disposes them")]
public sealed class TlsServerEndToEndTests : IAsyncLifetime
{
    private readonly TempDataFolder _data = new();
    private readonly X509Certificate2 _certificate = TestCertificates.Create();
    private readonly TlsServerAuthenticator _tls;
    private readonly ChatServer _server;

    public TlsServerEndToEndTests()
    {
        _tls = new TlsServerAuthenticator(_certificate, TimeSpan.FromSeconds(10));
        var options = new ServerOptions { Port = 0, DataDirectory = _data.Path, PasswordIterations = 1000, RatePerSecond = 0 };
        _server = new ChatServer(options, SqliteChatStore.Open(_data.Path), tls: _tls);
        _server.Start();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // IAsyncLifetime, not IAsyncDisposable: xunit 2 never calls a test class's DisposeAsync.
    public async Task DisposeAsync()
    {
        await _server.StopAsync();
        _tls.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task Hello_OverTls_IsAnswered()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _server.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == _certificate.GetCertHashString());
        await tls.AuthenticateAsClientAsync("localhost");

        await tls.WriteAsync(FrameWriter.Frame("""{"type":"hello","id":"1","protocol":1,"user":"alice"}"""u8));
        JsonElement reply = await Task.Run(() => ReadReply(tls, "1")).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("ok", reply.GetProperty("type").GetString());
        Assert.Equal("1", reply.GetProperty("re").GetString());
        Assert.Equal("alice", reply.GetProperty("user").GetString());
    }

    [Fact]
    public async Task PlainTcpClient_IsDisconnected_AndTheServerKeepsServing()
    {
        using (var plain = new TcpClient())
        {
            await plain.ConnectAsync(IPAddress.Loopback, _server.Port);
            NetworkStream stream = plain.GetStream();
            await stream.WriteAsync(FrameWriter.Frame("""{"type":"hello","id":"1","protocol":1,"user":"bob"}"""u8));
            byte[] buffer = new byte[1024];
            // The server answers a non-TLS hello by closing (possibly after a TLS alert), never with a frame.
            Task<int> read = stream.ReadAsync(buffer).AsTask();
            int got = await read.WaitAsync(TimeSpan.FromSeconds(30));
            while (got > 0)
            {
                Assert.NotEqual((byte)'{', buffer[Math.Min(4, got - 1)]);
                got = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        await Hello_OverTls_IsAnswered();
    }

    /// <summary>Reads frames (events may come first) until the reply to request <paramref name="id"/>.</summary>
    private static JsonElement ReadReply(Stream stream, string id)
    {
        var reader = new FrameReader(stream);
        while (reader.TryReadFrame(out ReadOnlyMemory<byte> payload))
        {
            JsonElement frame = JsonDocument.Parse(Encoding.UTF8.GetString(payload.Span)).RootElement.Clone();
            if (frame.TryGetProperty("re", out JsonElement re) && re.GetString() == id)
            {
                return frame;
            }
        }

        throw new EndOfStreamException("the server closed without a reply");
    }
}
