using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TuiChat.Protocol;
using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Support;
using TuiChat.TestSupport;

namespace TuiChat.Server.Tests.Storage;

/// <summary>The real tuichat-server's start with --data and --tls-cert: it works, or it says why in one line.</summary>
public sealed class ServerStartTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task GarbageDatabase_StopsTheStart_WithExitCode1AndTheReason()
    {
        string database = Path.Combine(_data.Path, SqliteChatStore.FileName);
        await File.WriteAllTextAsync(database, new string('x', 4096));

        (int exitCode, string output) = await ServerProcess.RunUntilExitAsync(_data.Path);

        Assert.Equal(1, exitCode);
        Assert.Contains($"cannot open the database at {database}: the file is not a SQLite database", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal); // a reason, not a stack trace
    }

    [Fact]
    public async Task TlsCertificate_WithAWrongPassword_StopsTheStart_WithExitCode1AndTheReason()
    {
        string pfx = Path.Combine(_data.Path, "server.pfx");
        await File.WriteAllBytesAsync(pfx, TestCertificates.CreatePfx("right"));

        (int exitCode, string output) = await ServerProcess.RunUntilExitAsync(_data.Path,
            ["--tls-cert", pfx, "--tls-password-env", "TUICHAT_TEST_PFX"], new Dictionary<string, string> { ["TUICHAT_TEST_PFX"] = "wrong" });

        Assert.Equal(1, exitCode);
        Assert.Contains("password is wrong", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsCertificate_FromTheCommandLine_ServesTheProtocolOverTls()
    {
        (string pfx, string expected) = await WritePfxAsync();

        await using ServerProcess server = await ServerProcess.StartAsync(_data.Path,
            ["--tls-cert", pfx, "--tls-password-env", "TUICHAT_TEST_PFX"], new Dictionary<string, string> { ["TUICHAT_TEST_PFX"] = "pfx-secret" });
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.Port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
            certificate is not null && TestCertificates.Sha256Hex(certificate) == expected);
        await tls.AuthenticateAsClientAsync("localhost");
        await tls.WriteAsync(FrameWriter.Frame("""{"type":"ping","id":"p1"}"""u8));

        string reply = await Task.Run(() =>
        {
            Assert.True(new FrameReader(tls).TryReadFrame(out ReadOnlyMemory<byte> payload));
            return Encoding.UTF8.GetString(payload.Span);
        }).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("\"re\":\"p1\"", reply, StringComparison.Ordinal);
        string logged = string.Join(':', Enumerable.Range(0, expected.Length / 2).Select(i => expected.Substring(i * 2, 2)));
        Assert.Contains($"SHA-256 {logged}", server.Output, StringComparison.Ordinal); // the operator can hand it to clients
    }

    [Fact]
    public async Task SqliteSynchronous_FromTheCommandLine_IsTheStoresDurability_FullByDefault()
    {
        await using (ServerProcess normal = await ServerProcess.StartAsync(_data.Path, ["--sqlite-synchronous", "normal"]))
        {
            // The level is read back from SQLite after it is set: the line says what the database does.
            Assert.Contains("(synchronous=NORMAL, ", normal.Output, StringComparison.Ordinal);
        }
        await using (ServerProcess byDefault = await ServerProcess.StartAsync(_data.Path, []))
        {
            Assert.Contains("(synchronous=FULL, ", byDefault.Output, StringComparison.Ordinal);
        }
        (int exitCode, string output) = await ServerProcess.RunUntilExitAsync(_data.Path, ["--sqlite-synchronous", "off"]);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("sqlite-synchronous", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitDelay_FromTheCommandLine_DelaysALoneLinesAcknowledgement_FiftyMillisecondsByDefault()
    {
        await using (ServerProcess byDefault = await ServerProcess.StartAsync(_data.Path, []))
        {
            Assert.Contains("commit delay 50 ms)", byDefault.Output, StringComparison.Ordinal);
        }
        await using (ServerProcess slow = await ServerProcess.StartAsync(_data.Path, ["--commit-delay-ms", "1000"]))
        {
            Assert.Contains("commit delay 1000 ms)", slow.Output, StringComparison.Ordinal);
            await using TestClient alice = await TestClient.LoginAsync(slow.Port, "alice");
            // The first line also flushes whatever the login queued; the second one is alone.
            await alice.ExpectOkAsync("msg", new { to = "#general", text = "first" });
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await alice.ExpectOkAsync("msg", new { to = "#general", text = "second" });
            Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"acknowledged after {clock.Elapsed.TotalMilliseconds:0} ms");
        }
        foreach (string wrong in new[] { "-1", "1001" })
        {
            (int exitCode, string output) = await ServerProcess.RunUntilExitAsync(_data.Path, ["--commit-delay-ms", wrong]);
            Assert.Equal(2, exitCode); // a usage error
            Assert.Contains("--commit-delay-ms must be between 0 and 1000", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task IrcTlsPort_WithoutACertificate_StopsTheStart_SayingWhy()
    {
        (int exitCode, string output) = await ServerProcess.RunUntilExitAsync(_data.Path, ["--irc-tls-port", "0"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("--irc-tls-port needs --tls-cert", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IrcPortAndIrcTlsPort_FromTheCommandLine_ServeIrc_InPlainTextAndOverTls()
    {
        (string pfx, string expected) = await WritePfxAsync();

        await using ServerProcess server = await ServerProcess.StartAsync(_data.Path,
            ["--tls-cert", pfx, "--tls-password-env", "TUICHAT_TEST_PFX", "--irc-port", "0", "--irc-tls-port", "0"],
            new Dictionary<string, string> { ["TUICHAT_TEST_PFX"] = "pfx-secret" });
        await Support.Eventually.Until(() => IrcPort(server.Output, tls: true) > 0, "the IRC TLS listener is reported");

        using var plain = new TcpClient();
        await plain.ConnectAsync(IPAddress.Loopback, IrcPort(server.Output, tls: false));
        Assert.Contains(" 001 plainbob ", await RegisterAsync(plain.GetStream(), "plainbob"), StringComparison.Ordinal);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, IrcPort(server.Output, tls: true));
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
            certificate is not null && TestCertificates.Sha256Hex(certificate) == expected);
        await tls.AuthenticateAsClientAsync("localhost");
        Assert.Contains(" 001 tlsbob ", await RegisterAsync(tls, "tlsbob"), StringComparison.Ordinal);
    }

    /// <summary>A certificate with password "pfx-secret" in the data folder, and its SHA-256.</summary>
    private async Task<(string Path, string Sha256)> WritePfxAsync()
    {
        string pfx = Path.Combine(_data.Path, "server.pfx");
        byte[] bytes = TestCertificates.CreatePfx("pfx-secret");
        await File.WriteAllBytesAsync(pfx, bytes);
        using X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12(bytes, "pfx-secret");
        return (pfx, TestCertificates.Sha256Hex(certificate));
    }

    private static int IrcPort(string output, bool tls)
    {
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(output, @"IRC listening on \S+:(\d+)( \(TLS\))?"))
        {
            if (m.Groups[2].Success == tls)
            {
                return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    /// <summary>NICK and USER, then the text read until the welcome line has arrived.</summary>
    private static async Task<string> RegisterAsync(Stream stream, string nick)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes($"NICK {nick}\r\nUSER {nick} 0 * :{nick}\r\n"));
        var reader = new StreamReader(stream, Encoding.UTF8);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new StringBuilder();
        while (await reader.ReadLineAsync(cts.Token) is { } line)
        {
            seen.Append(line).Append('\n');
            if (line.Contains(" 001 ", StringComparison.Ordinal))
            {
                break;
            }
        }
        return seen.ToString();
    }
}
