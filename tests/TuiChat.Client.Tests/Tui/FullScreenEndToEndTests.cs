using System.Globalization;
using System.Text.RegularExpressions;
using TuiChat.Client.Core.Connection;
using TuiChat.Protocol.Messages;
using TuiChat.Client.Tests.Menu;

namespace TuiChat.Client.Tests.Tui;

/// <summary>
/// The real server and two real full-screen clients in a private tmux server: what one person
/// types must appear on the other's screen, and Ctrl+Q must end the client cleanly.
/// </summary>
public sealed partial class FullScreenEndToEndTests : IDisposable
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
        _tmux.Type("irssi", "/quit see you amanhã");
        _tmux.Press("irssi", "Enter");
        WaitForScreen("alice", "ircbob quit (see you amanhã)");
    }

    [TmuxFact]
    public async Task DirectMessage_ToAClientNotOnScreen_RingsTheBell_RetitlesThePane_AndAltAOpensIt()
    {
        int port = await StartServerAsync();
        StartClient("alice", port);
        StartClient("bob", port);
        WaitForScreen("alice", "bob joined #general");
        Poll.Until(() => _tmux.Display("alice:0", "#{pane_title}") == "TuiChat · alice", Deadline,
            () => "pane title: " + _tmux.Display("alice:0", "#{pane_title}"));
        // Another window in alice's session: her client is no longer on screen.
        _tmux.NewWindow("alice", "sleep 600");
        Assert.Equal("0", _tmux.Display("alice:0", "#{window_bell_flag}"));

        _tmux.Type("bob", "/msg alice are you there?");
        _tmux.Press("bob", "Enter");

        Poll.Until(() => _tmux.Display("alice:0", "#{window_bell_flag}") == "1", Deadline,
            () => "no bell in alice's window:\n" + _tmux.Capture("alice:0"));
        Poll.Until(() => _tmux.Display("alice:0", "#{pane_title}") == "TuiChat · alice · 1!", Deadline,
            () => "pane title: " + _tmux.Display("alice:0", "#{pane_title}"));
        // The title is written before the next frame is drawn: wait for the rooms pane too.
        WaitForScreen("alice:0", "@bob");

        // Alt+A goes to the conversation with the highlight.
        _tmux.Press("alice:0", "M-a");
        WaitForScreen("alice:0", "┤@bob├");
        WaitForScreen("alice:0", "bob: are you there?");
    }

    [TmuxFact]
    public async Task WhatIsTypedWhileTheClientStarts_LandsInTheInputLine_AndIsSentOnlyOnEnter()
    {
        int port = await StartServerAsync();
        StartClient("alice", port);

        // Typed at once, while bob's client is still starting (before its screen is up), with an
        // Enter in the middle: nothing may be lost, and nothing sent before bob sees it.
        LaunchClient("bob", port);
        _tmux.Type("bob", "olá, cheguei 中文");
        _tmux.Press("bob", "Enter");
        _tmux.Type("bob", "second line");
        WaitForScreen("bob", "you joined #general");
        WaitForScreen("bob", "> olá, cheguei 中文");
        WaitForScreen("bob", "  second line");
        Assert.DoesNotContain("bob: olá", _tmux.Capture("alice"), StringComparison.Ordinal);

        _tmux.Press("bob", "Enter");
        WaitForScreen("alice", "bob: olá, cheguei 中文");
    }

    [TmuxFact]
    public async Task BracketedPastes_OfOneAndOfThreeLines_ArriveIntactAsOneMessageEach()
    {
        int port = await StartServerAsync();
        StartClient("alice", port);
        StartClient("bob", port);
        WaitForScreen("alice", "bob joined #general");

        _tmux.Paste("bob", "pasted in one go");
        WaitForScreen("bob", "> pasted in one go");
        _tmux.Press("bob", "Enter");
        WaitForScreen("alice", "bob: pasted in one go");

        _tmux.Paste("bob", "first line\nsecond line\nthird line");
        WaitForScreen("bob", "  third line");
        Assert.DoesNotContain("bob: first line", _tmux.Capture("alice"), StringComparison.Ordinal); // nothing sent before Enter
        _tmux.Press("bob", "Enter");

        // One message: the sender's name once, the other lines under it, indented. Waited for as a
        // whole: a capture taken as the first line shows may catch the screen mid-redraw.
        const string OneMessage = @"bob: first line\s*│[^\n]*\n[^\n]*│\s+second line\s*│[^\n]*\n[^\n]*│\s+third line";
        Poll.Until(() => Regex.IsMatch(_tmux.Capture("alice"), OneMessage), Deadline,
            () => $"the pasted lines never showed as one message on alice's screen:\n{_tmux.Capture("alice")}");
        Assert.DoesNotContain("bob: second line", _tmux.Capture("alice"), StringComparison.Ordinal);
    }

    [TmuxFact]
    public async Task APasteOfAccentsCjkAndEmoji_LongerThanOneRead_ArrivesWithEveryCharacter()
    {
        int port = await StartServerAsync();
        StartClient("bob", port);
        WaitForScreen("bob", "you joined #general");
        // 2,299 bytes of characters of two, three and four bytes: Terminal.Gui reads 256 bytes at a
        // time, so the paste's reads end inside characters (each such one became two U+FFFD).
        string text = string.Join(' ', Enumerable.Repeat("ação 中文 👍🏽", 100));

        _tmux.Paste("bob", text);
        _tmux.Press("bob", "Enter");

        await using ChatConnection reader = new(new ChatConnectionOptions { Host = "127.0.0.1", Port = port, User = "reader" });
        await reader.ConnectAsync();
        ChatMessage? sent = null;
        await Poll.UntilAsync(async () => (sent = (await reader.GetHistoryAsync("#general")).FirstOrDefault(m => m.From == "bob")) is not null, Deadline,
            () => "bob's paste never arrived:\n" + _tmux.Capture("bob"));
        Assert.Equal(text, sent!.Text);
    }

    [TmuxFact]
    public async Task ALineOf4000Bytes_TypedKeyByKey_Arrives()
    {
        int port = await StartServerAsync();
        StartClient("alice", port);
        StartClient("bob", port);
        WaitForScreen("alice", "bob joined #general");
        string words = string.Concat(Enumerable.Repeat("lorem ipsum dolor ", 222));
        string line = words[..3992] + " END4000"; // 4,000 ASCII characters, 4,000 bytes

        foreach (string chunk in line.Chunk(250).Select(c => new string(c)))
        {
            _tmux.Type("bob", chunk);
        }
        WaitForScreen("bob", "4,000/4,096 bytes");
        WaitForScreen("bob", "END4000");
        _tmux.Press("bob", "Enter");

        WaitForScreen("alice", "END4000");
        Poll.Until(() => !_tmux.Capture("bob").Contains("/4,096 bytes", StringComparison.Ordinal), Deadline,
            () => "the input did not empty after Enter:\n" + _tmux.Capture("bob"));
    }

    [TmuxFact]
    public async Task UpDownAndTab_WithTextInTheInput_NeverLoseACharacter()
    {
        int port = await StartServerAsync();
        StartClient("alice", port);
        StartClient("bob", port);
        WaitForScreen("alice", "bob joined #general");
        _tmux.Type("bob", "an earlier line");
        _tmux.Press("bob", "Enter");
        WaitForScreen("alice", "bob: an earlier line");

        _tmux.Type("bob", "ab");
        _tmux.Press("bob", "Up");
        _tmux.Type("bob", "c");
        _tmux.Press("bob", "Tab");
        _tmux.Type("bob", "d");
        _tmux.Press("bob", "Down");
        _tmux.Type("bob", "e");
        _tmux.Press("bob", "Down");
        _tmux.Press("bob", "Tab");
        _tmux.Type("bob", "f");
        WaitForScreen("bob", "> abcdef");
        _tmux.Press("bob", "Enter");

        WaitForScreen("alice", "bob: abcdef");
    }

    [TmuxFact]
    public async Task ALineOfCombinedEmoji_LeavesEveryPaneBorderWhereItWas()
    {
        int port = await StartServerAsync();
        StartClient("alice", port);
        StartClient("bob", port, width: 80, height: 24);
        WaitForScreen("alice", "bob joined #general");
        WaitForScreen("bob", "alice");
        // The status line is compared too: it must have settled before the first capture (once,
        // in CI, it still said "connecting" then).
        WaitForScreen("bob", "· connected ·");
        string[] before = _tmux.Capture("bob").Split('\n');

        _tmux.Type("alice", "família 👨‍👩‍👧 bandeira 🇧🇷 joinha 👍🏽 coração ❤️ arco-íris 🏳️‍🌈 acento é 中文 fim");
        _tmux.Press("alice", "Enter");
        WaitForScreen("bob", "fim");

        // The rooms pane and the users pane hold only one-column characters: compared column by
        // column (from the left and from the right), every row must be as it was, borders included.
        string[] after = _tmux.Capture("bob").Split('\n');
        const int rooms = 13; // "│#general  ││" at 80 columns: rooms pane and the log's left border
        const int users = 16; // "││● alice     │": the log's right border and the users pane
        for (int row = 0; row < 22; row++)
        {
            Assert.True(before[row][..rooms] == after[row][..rooms] && before[row][^users..] == after[row][^users..],
                $"row {row} moved:\nbefore: {before[row]}\nafter:  {after[row]}");
        }
        Assert.Equal(before[^2], after[^2]); // the status line keeps its first letter
    }

    [TmuxFact]
    public async Task ReadMarker_StandsAboveWhatCameWhileAway_AndCtrlROpensASearchResultInItsConversation()
    {
        int port = await StartServerAsync();
        StartClient("alice", port);
        StartClient("bob", port);
        WaitForScreen("alice", "bob joined #general");
        _tmux.Type("bob", "/join #jogos");
        _tmux.Press("bob", "Enter");
        WaitForScreen("bob", "you joined #jogos");
        _tmux.Type("alice", "/join #jogos");
        _tmux.Press("alice", "Enter");
        WaitForScreen("bob", "alice joined #jogos");
        _tmux.Type("bob", "agulha no palheiro 🇧🇷");
        _tmux.Press("bob", "Enter");
        WaitForScreen("alice", "bob: agulha no palheiro 🇧🇷");

        // Alice looks at #general (Alt+1; #jogos is Alt+2); two lines come to #jogos meanwhile.
        _tmux.Press("alice", "M-1");
        WaitForScreen("alice", "┤#general├");
        _tmux.Type("bob", "primeira novidade");
        _tmux.Press("bob", "Enter");
        // Typed right behind the Enter: tmux brackets pastes, so that Enter was a key and sends.
        _tmux.Type("bob", "segunda novidade 👨‍👩‍👧");
        _tmux.Press("bob", "Enter");
        WaitForScreen("alice", "#jogos");
        Poll.Until(() => _tmux.Capture("alice").Contains("(2)", StringComparison.Ordinal), Deadline,
            () => "alice:\n" + _tmux.Capture("alice") + "\nbob:\n" + _tmux.Capture("bob"));

        _tmux.Press("alice", "M-2");
        Poll.Until(() => System.Text.RegularExpressions.Regex.IsMatch(_tmux.Capture("alice"), @"── new ─+[^\n]*\n[^\n]*bob: primeira novidade"), Deadline,
            () => "no read marker above the first new line:\n" + _tmux.Capture("alice"));

        // Ctrl+R from #general: the result opens #jogos at that line.
        _tmux.Press("alice", "M-1");
        WaitForScreen("alice", "┤#general├");
        _tmux.Press("alice", "C-r");
        WaitForScreen("alice", "> /search");
        _tmux.Type("alice", "agulha");
        _tmux.Press("alice", "Enter");
        WaitForScreen("alice", "Search results");
        _tmux.Press("alice", "Enter");
        Poll.Until(() => _tmux.Capture("alice") is var screen && !screen.Contains("Search results", StringComparison.Ordinal)
                && screen.Contains("┤#jogos├", StringComparison.Ordinal) && screen.Contains("bob: agulha no palheiro", StringComparison.Ordinal),
            Deadline, () => "the result did not open #jogos:\n" + _tmux.Capture("alice"));
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
    private void StartClient(string user, int port, int width = 140, int height = 40)
    {
        LaunchClient(user, port, width, height);
        WaitForScreen(user, "you joined #general");
    }

    /// <param name="session">The tmux session's name (the user's name by default).</param>
    /// <param name="extra">More options, and variables set for the client (e.g. its password).</param>
    private void LaunchClient(string user, int port, int width = 140, int height = 40, string? session = null,
        string extra = "", string environment = "")
    {
        string command =
            // Its own XDG_CONFIG_HOME and XDG_DATA_HOME: never the developer's config file, and a
            // registered user's key files under the test folder, not in the real home.
            $"{environment} XDG_CONFIG_HOME='{Path.Combine(_folder, "xdg-config")}' XDG_DATA_HOME='{Path.Combine(_folder, "xdg-data")}' dotnet '{BuiltBinaries.ClientDll}' --host 127.0.0.1 --port {port} --user {user} {extra}; " +
            "echo \"client exited with $?\"; sleep 600";
        _tmux.NewSession(session ?? user, width, height, command);
    }

    private void WaitForScreen(string session, string text) =>
        Poll.Until(() => _tmux.Capture(session).Contains(text, StringComparison.Ordinal), Deadline,
            () => $"\"{text}\" never appeared on {session}'s screen:\n{_tmux.Capture(session)}\nserver output:\n{_server?.Output}");
}
