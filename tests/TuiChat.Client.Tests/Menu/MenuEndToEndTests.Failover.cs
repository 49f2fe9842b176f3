using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TuiChat.Client.Tests.Menu;

/// <summary><c>--host a:port,b:port</c>: the real client fails over between real servers.</summary>
public sealed partial class MenuEndToEndTests
{
    [Fact]
    public async Task HostList_WhenTheFirstServerIsKilled_TheClientCarriesOnFromTheNext_AndRejoinsItsRooms()
    {
        (ConsoleProcess first, int firstPort) = await StartServerProcessAsync();
        int secondPort = await StartSecondServerAsync();
        ConsoleProcess alice = await StartMenuClientAsync(firstPort, "alice", null, "--host", $"127.0.0.1:{firstPort},127.0.0.1:{secondPort}");
        Assert.Contains($"at 127.0.0.1:{firstPort}", alice.Output, StringComparison.Ordinal);
        alice.Send("8");
        alice.Send("#lobby");
        await alice.WaitForAsync(@"\* you joined #lobby");
        ConsoleProcess bob = await StartMenuClientAsync(secondPort, "bob");
        bob.Send("8");
        bob.Send("#lobby");
        await bob.WaitForAsync(@"\* you joined #lobby");

        first.Kill();
        await alice.WaitForAsync("connection lost");
        await alice.WaitForAsync("- reconnected$");

        // Only the second server is left, and alice is back in #lobby there: she hears bob and he hears her.
        await bob.WaitForAsync(@"\* alice joined #lobby");
        bob.Send("1");
        bob.Send("#lobby");
        bob.Send("olá from the second server 👋");
        await alice.WaitForAsync(@"^\[#lobby\] \d\d:\d\d bob: olá from the second server 👋$");
        alice.Send("1");
        alice.Send("#lobby");
        alice.Send("still here");
        await bob.WaitForAsync(@"^\[#lobby\] \d\d:\d\d alice: still here$");
        alice.CloseInput();
        Assert.Equal(0, await alice.WaitForExitAsync());
    }

    [Fact]
    public async Task HostList_WhenTheFirstServerGetsSigterm_TheClientSaysWhy_AndCarriesOnFromTheNext()
    {
        (ConsoleProcess first, int firstPort) = await StartServerProcessAsync();
        int secondPort = await StartSecondServerAsync();
        ConsoleProcess dave = await StartMenuClientAsync(firstPort, "dave", null, "--host", $"127.0.0.1:{firstPort},127.0.0.1:{secondPort}");
        ConsoleProcess bob = await StartMenuClientAsync(secondPort, "bob");

        first.Terminate();

        await dave.WaitForAsync(@"- server shutting down \(received SIGTERM\); reconnecting…$");
        Assert.Equal(0, await first.WaitForExitAsync());
        await dave.WaitForAsync("- reconnected$");
        await bob.WaitForAsync(@"\* dave joined #general");
        Assert.Equal(0, dave.Count("connection lost"));
        dave.CloseInput();
        Assert.Equal(0, await dave.WaitForExitAsync());
    }

    [Fact]
    public async Task HostList_WithTheFirstServerDown_LogsInAtTheNextThatAnswers()
    {
        int deadPort = FreePort();
        int port = await StartServerAsync();

        ConsoleProcess alice = await StartMenuClientAsync(port, "alice", null, "--host", $"127.0.0.1:{deadPort}, 127.0.0.1:{port}");

        await alice.WaitForAsync($"^logged in as alice at 127.0.0.1:{port}$");
    }

    [Fact]
    public async Task HostList_WithAMalformedServer_IsRefusedBeforeConnecting()
    {
        ConsoleProcess client = Track(ConsoleProcess.Start("alice", BuiltBinaries.ClientDll, null,
            "--menu", "--user", "alice", "--host", "127.0.0.1:5000,127.0.0.1:notaport"));

        Assert.Equal(2, await client.WaitForExitAsync());
        Assert.Contains("error: --host: '127.0.0.1:notaport' is not a server", client.Output, StringComparison.Ordinal);
    }

    /// <summary>A second server with a data folder of its own.</summary>
    private async Task<int> StartSecondServerAsync()
    {
        ConsoleProcess server = Track(ConsoleProcess.Start("server2", BuiltBinaries.ServerDll, null,
            "--bind", "127.0.0.1", "--port", "0", "--rate", "0",
            "--data", Path.Combine(_folder, "data2"), "--log", Path.Combine(_folder, "logs2")));
        var listening = await server.WaitForAsync(@"listening on \S+:(\d+)");
        return int.Parse(listening.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>A port nothing listens on (taken from the system, then let go).</summary>
    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
