using System.Globalization;
using TuiChat.Client.Tests.Menu;

namespace TuiChat.Client.Tests.Tui;

/// <summary>
/// The real server and two real full-screen clients in a private tmux server: what one person
/// types must appear on the other's screen, and Ctrl+Q must end the client cleanly.
/// </summary>
public sealed class FullScreenEndToEndTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly string _folder = Directory.CreateTempSubdirectory("tuichat-tui-e2e-").FullName;
    private readonly Tmux _tmux = new();
    private ConsoleProcess? _server;

    public void Dispose()
    {
        _tmux.Dispose();
        _server?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A log file still closing; it is in the temp folder.
        }
    }

    [TmuxFact]
    public async Task MessageTypedInOneClient_AppearsOnTheOthersScreen_AndCtrlQQuits()
    {
        int port = await StartServerAsync();
        StartClient("alice", port);
        StartClient("bob", port);
        WaitForScreen("alice", "bob joined #general");

        _tmux.Type("bob", "hello alice, from the other terminal");
        _tmux.Press("bob", "Enter");

        WaitForScreen("alice", "bob: hello alice, from the other terminal");
        WaitForScreen("bob", "bob: hello alice, from the other terminal");

        _tmux.Press("alice", "C-q");
        WaitForScreen("alice", "client exited with 0");
        WaitForScreen("bob", "alice quit");
    }

    [IrssiFact]
    public async Task Irssi_ChatsWithTheFullScreenClient_InTheSameRoom_WithTheSameHistory()
    {
        int port = await StartServerAsync("--irc-port", "0");
        var irc = await _server!.WaitForAsync(@"IRC listening on \S+:(\d+)");
        StartClient("alice", port);
        _tmux.Type("alice", "said before irssi came");
        _tmux.Press("alice", "Enter");
        WaitForScreen("alice", "alice: said before irssi came");

        string home = Directory.CreateDirectory(Path.Combine(_folder, "irssi")).FullName;
        _tmux.NewSession("irssi", 140, 40, $"irssi --home='{home}' -c 127.0.0.1 -p {irc.Groups[1].Value} -n ircbob");
        WaitForScreen("irssi", "Welcome to the TuiChat IRC door");
        _tmux.Type("irssi", "/join #general");
        _tmux.Press("irssi", "Enter");
        WaitForScreen("alice", "ircbob joined #general");

        _tmux.Type("irssi", "/quote CHATHISTORY LATEST #general * 10");
        _tmux.Press("irssi", "Enter");
        WaitForScreen("irssi", "said before irssi came");
        _tmux.Type("irssi", "hello alice, from irssi");
        _tmux.Press("irssi", "Enter");
        WaitForScreen("alice", "ircbob: hello alice, from irssi");
        _tmux.Type("alice", "/me waves at irssi");
        _tmux.Press("alice", "Enter");
        WaitForScreen("irssi", "* alice waves at irssi");
    }

    [TmuxFact]
    public void AServerThatNeverAnswers_EndsTheClientWithAClearMessage()
    {
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(); // accepts into its backlog and never answers
        int port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;

        LaunchClient("bob", port);

        WaitForScreen("bob", "client exited with 1");
        string screen = _tmux.Capture("bob");
        Assert.Contains("did not answer within 15 s", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", screen, StringComparison.Ordinal);
    }

    /// <summary>The real server on a free port (it reports the port it took).</summary>
    private async Task<int> StartServerAsync(params string[] extra)
    {
        _server = ConsoleProcess.Start("server", BuiltBinaries.ServerDll, null,
            ["--bind", "127.0.0.1", "--port", "0",
            "--data", Path.Combine(_folder, "data"), "--log", Path.Combine(_folder, "logs"), .. extra]);
        var listening = await _server.WaitForAsync(@"tuichat-server \S+ listening on \S+:(\d+)");
        return int.Parse(listening.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Starts a client in its own 140x40 session; when it ends, the shell prints its exit code and
    /// keeps the pane open so the test (and a failure message) can still read the screen.
    /// </summary>
    private void StartClient(string user, int port)
    {
        LaunchClient(user, port);
        WaitForScreen(user, "you joined #general");
    }

    private void LaunchClient(string user, int port)
    {
        string command =
            $"dotnet '{BuiltBinaries.ClientDll}' --host 127.0.0.1 --port {port} --user {user}; " +
            "echo \"client exited with $?\"; sleep 600";
        _tmux.NewSession(user, 140, 40, command);
    }

    private void WaitForScreen(string session, string text) =>
        Poll.Until(() => _tmux.Capture(session).Contains(text, StringComparison.Ordinal), Deadline,
            () => $"\"{text}\" never appeared on {session}'s screen:\n{_tmux.Capture(session)}\nserver output:\n{_server?.Output}");
}
