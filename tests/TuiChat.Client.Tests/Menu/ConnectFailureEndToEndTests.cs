using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using TuiChat.TestSupport;

namespace TuiChat.Client.Tests.Menu;

/// <summary>
/// The real menu client against servers that are not what it expects: one that accepts and never
/// answers, a plain server when it asks for TLS, a TLS server whose certificate is not the pinned
/// one, and the right TLS server. Each failure is one clear line and exit code 1, never a crash.
/// </summary>
public sealed class ConnectFailureEndToEndTests : IDisposable
{
    private const string PfxPasswordVariable = "TUICHAT_TEST_PFX_PASSWORD";
    private const string PfxPassword = "pfx-secret";

    private readonly string _folder = Directory.CreateTempSubdirectory("tuichat-connect-e2e-").FullName;
    private readonly List<ConsoleProcess> _processes = [];

    public void Dispose()
    {
        foreach (ConsoleProcess process in _processes)
        {
            process.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AServerThatNeverAnswers_GetsAClearMessage_AndExitCode1()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        Task accepting = AcceptForeverAsync(silent, held);
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;

        ConsoleProcess client = StartMenuClient(port, "bob");

        await client.WaitForAsync(@"^cannot connect to .*did not answer within 15 s");
        Assert.Equal(1, await client.WaitForExitAsync());
        Assert.DoesNotContain("Unhandled exception", client.Output, StringComparison.Ordinal);
        silent.Stop();
        await accepting;
        held.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task ATlsClient_AgainstAPlainServer_FailsWithAClearMessage()
    {
        int port = await StartServerAsync(tls: false);

        ConsoleProcess client = StartMenuClient(port, "bob", "--tls");

        await client.WaitForAsync(@"^cannot connect to 127\.0\.0\.1:\d+: .+");
        Assert.Equal(1, await client.WaitForExitAsync());
        Assert.DoesNotContain("logged in", client.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", client.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongPin_IsRefused_WithBothFingerprintsNamed()
    {
        (int port, _) = await StartTlsServerAsync();
        string wrong = new('A', 64);

        ConsoleProcess client = StartMenuClient(port, "bob", "--tls-fingerprint", wrong);

        await client.WaitForAsync("^cannot connect to .*does not match the pinned fingerprint");
        Assert.Equal(1, await client.WaitForExitAsync());
        Assert.DoesNotContain("logged in", client.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATlsClient_WithoutAPin_RefusesASelfSignedCertificate()
    {
        (int port, _) = await StartTlsServerAsync();

        ConsoleProcess client = StartMenuClient(port, "bob", "--tls");

        await client.WaitForAsync("^cannot connect to .+");
        Assert.Equal(1, await client.WaitForExitAsync());
        Assert.DoesNotContain("logged in", client.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRightPin_Chats()
    {
        (int port, string fingerprint) = await StartTlsServerAsync();
        ConsoleProcess bob = StartMenuClient(port, "bob", "--tls-fingerprint", fingerprint);
        await bob.WaitForAsync("^logged in as bob");
        ConsoleProcess alice = StartMenuClient(port, "alice", "--tls-fingerprint", fingerprint.ToLowerInvariant());
        await alice.WaitForAsync("^logged in as alice");

        alice.Send("1");
        alice.Send("#general");
        alice.Send("hello over TLS");

        await bob.WaitForAsync(@"^\[#general\] \d\d:\d\d alice: hello over TLS$");
    }

    private static async Task AcceptForeverAsync(TcpListener listener, List<Socket> held)
    {
        try
        {
            while (true)
            {
                held.Add(await listener.AcceptSocketAsync());
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Stopped by the test.
        }
    }

    private async Task<(int Port, string Fingerprint)> StartTlsServerAsync()
    {
        byte[] pfx = TestCertificates.CreatePfx(PfxPassword);
        string path = Path.Combine(_folder, "server.pfx");
        await File.WriteAllBytesAsync(path, pfx);
        using X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12(pfx, PfxPassword);
        int port = await StartServerAsync(tls: true, "--tls-cert", path, "--tls-password-env", PfxPasswordVariable);
        return (port, TestCertificates.Sha256Hex(certificate));
    }

    private async Task<int> StartServerAsync(bool tls, params string[] extra)
    {
        ConsoleProcess server = Track(ConsoleProcess.Start("server", BuiltBinaries.ServerDll,
            tls ? new Dictionary<string, string> { [PfxPasswordVariable] = PfxPassword } : null,
            [
                "--bind", "127.0.0.1", "--port", "0", "--rate", "0",
                "--data", Path.Combine(_folder, "data"), "--log", Path.Combine(_folder, "logs"), .. extra,
            ]));
        var listening = await server.WaitForAsync(@"listening on \S+:(\d+)");
        return int.Parse(listening.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private ConsoleProcess StartMenuClient(int port, string user, params string[] extra) =>
        Track(ConsoleProcess.Start(user, BuiltBinaries.ClientDll, null,
        [
            "--menu", "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--user", user,
            "--downloads", Path.Combine(_folder, user + "-downloads"), .. extra,
        ]));

    private ConsoleProcess Track(ConsoleProcess process)
    {
        _processes.Add(process);
        return process;
    }
}
