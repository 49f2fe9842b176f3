using System.Globalization;
using System.Security.Cryptography;

namespace TuiChat.Client.Tests.Menu;

/// <summary>
/// The real server and two real menu clients, driven through stdin the way a script would.
/// </summary>
public sealed partial class MenuEndToEndTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tuichat-menu-e2e-").FullName;
    private readonly List<ConsoleProcess> _processes = [];

    public void Dispose()
    {
        foreach (ConsoleProcess process in _processes)
        {
            process.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<int> StartServerAsync() => (await StartServerProcessAsync()).Port;

    /// <summary>The real server on a free port (0) or the given one; returns it with the port it listens on.</summary>
    private async Task<(ConsoleProcess Server, int Port)> StartServerProcessAsync(int port = 0)
    {
        ConsoleProcess server = StartServer(port);
        var listening = await server.WaitForAsync(@"listening on \S+:(\d+)");
        return (server, int.Parse(listening.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    private const string AdminPassword = "admin-password-for-tests";

    private ConsoleProcess StartServer(int port) =>
        Track(ConsoleProcess.Start("server", BuiltBinaries.ServerDll,
            new Dictionary<string, string> { ["TUICHAT_ADMIN_PASSWORD"] = AdminPassword },
            "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--rate", "0",
            "--data", Path.Combine(_folder, "data"), "--log", Path.Combine(_folder, "logs")));

    /// <summary>
    /// A menu client logged in as <paramref name="user"/>; extra arguments and environment as given.
    /// Each user's key files live in its own XDG_DATA_HOME under the test folder, never in the real
    /// home; <paramref name="environment"/> may set it otherwise.
    /// </summary>
    private async Task<ConsoleProcess> StartMenuClientAsync(int port, string user,
        IReadOnlyDictionary<string, string>? environment = null, params string[] extra)
    {
        var withData = new Dictionary<string, string>
        {
            ["XDG_DATA_HOME"] = DataHome(user),
            // Never the developer's own ~/.config/tuichat/config.toml.
            ["XDG_CONFIG_HOME"] = Path.Combine(_folder, "xdg-config-" + user),
        };
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            withData[name] = value;
        }
        ConsoleProcess client = Track(ConsoleProcess.Start(user, BuiltBinaries.ClientDll, withData,
        [
            "--menu", "--port", port.ToString(CultureInfo.InvariantCulture), "--user", user,
            "--downloads", Path.Combine(_folder, user + "-downloads"), .. extra,
        ]));
        await client.WaitForAsync("^logged in as " + user);
        return client;
    }

    private string DataHome(string user) => Path.Combine(_folder, "xdg-" + user);

    private ConsoleProcess Track(ConsoleProcess process)
    {
        _processes.Add(process);
        return process;
    }

    [Fact]
    public async Task MessageTypedInOneMenuClient_AppearsInTheOther_AndEndOfInputExitsCleanly()
    {
        int port = await StartServerAsync();
        ConsoleProcess bob = await StartMenuClientAsync(port, "bob");
        // No --user: the client asks for the name on stdin first. No --menu either: with stdin
        // and stdout redirected the client must pick the menu by itself.
        ConsoleProcess alice = Track(ConsoleProcess.Start("alice", BuiltBinaries.ClientDll, null,
            "--port", port.ToString(CultureInfo.InvariantCulture), "--downloads", Path.Combine(_folder, "alice-downloads")));
        alice.Send("alice");
        await alice.WaitForAsync("logged in as alice");
        await bob.WaitForAsync(@"\* alice joined #general");

        alice.Send("1");
        alice.Send("#general");
        alice.Send("hello from alice");
        await bob.WaitForAsync(@"^\[#general\] \d\d:\d\d alice: hello from alice$");

        bob.Send("2");
        bob.Send("alice");
        bob.Send("hi back, privately");
        await alice.WaitForAsync(@"^\[@bob\] \d\d:\d\d bob: hi back, privately$");

        alice.CloseInput();
        bob.CloseInput();
        Assert.Equal(0, await alice.WaitForExitAsync());
        Assert.Equal(0, await bob.WaitForExitAsync());
    }

    [Fact]
    public async Task ANewAccountThatQuitsAtOnce_KeepsItsKeyInItsHome_EvenAHomeNotMadeYet()
    {
        int port = await StartServerAsync();
        string home = Path.Combine(_folder, "home-not-made-yet");
        ConsoleProcess rui = await StartMenuClientAsync(port, "rui",
            new Dictionary<string, string> { ["HOME"] = home, ["XDG_DATA_HOME"] = "", ["RUI_PASSWORD"] = "rui-password-123" },
            "--password-env", "RUI_PASSWORD", "--register");

        rui.Send("0");

        Assert.Equal(0, await rui.WaitForExitAsync());
        Assert.True(File.Exists(Path.Combine(home, ".local", "share", "tuichat", "keys", $"127.0.0.1_{port}", "rui.key")),
            "rui's key file is in his home, not under the folder the client ran in");
    }

    [Fact]
    public async Task FileSentFromOneUserToAnother_IsSavedWithTheSameBytes()
    {
        int port = await StartServerAsync();
        // bob registers an account (password from an environment variable) on this first login.
        ConsoleProcess bob = await StartMenuClientAsync(port, "bob",
            new Dictionary<string, string> { ["BOB_PASSWORD"] = "bob-password-123" }, "--password-env", "BOB_PASSWORD", "--register");
        ConsoleProcess alice = await StartMenuClientAsync(port, "alice");
        byte[] content = RandomNumberGenerator.GetBytes(200_000);
        string source = Path.Combine(_folder, "photo.bin");
        await File.WriteAllBytesAsync(source, content);

        alice.Send("5");
        alice.Send("bob");
        alice.Send(source);
        var offer = await bob.WaitForAsync(@"^\[@alice\] \d\d:\d\d alice sent photo\.bin \(195\.3 KB\) · /save (\S+)$");
        string fileId = offer.Groups[1].Value;

        bob.Send("/save " + fileId);
        var saved = await bob.WaitForAsync($@"saved {fileId} to (.+)$");

        string path = saved.Groups[1].Value;
        Assert.Equal(Path.Combine(_folder, "bob-downloads", "alice_photo.bin"), path);
        Assert.Equal(content, await File.ReadAllBytesAsync(path));

        alice.CloseInput();
        bob.CloseInput();
        Assert.Equal(0, await bob.WaitForExitAsync());
    }

    [Fact]
    public async Task ServerCrashAndRestart_ClientsReconnectRejoinAndNothingIsDoubled()
    {
        (ConsoleProcess server, int port) = await StartServerProcessAsync();
        ConsoleProcess alice = await StartMenuClientAsync(port, "alice");
        ConsoleProcess bob = await StartMenuClientAsync(port, "bob");
        alice.Send("8");
        alice.Send("#lobby");
        await alice.WaitForAsync(@"\* you joined #lobby");
        bob.Send("8");
        bob.Send("#lobby");
        await alice.WaitForAsync(@"\* bob joined #lobby");

        server.Kill();
        await alice.WaitForAsync("connection lost");
        await bob.WaitForAsync("connection lost");
        await StartServerProcessAsync(port);
        await alice.WaitForAsync("- reconnected$");

        alice.Send("1");
        alice.Send("#lobby");
        alice.Send("after the restart");
        await bob.WaitForAsync("- reconnected$");
        alice.Send("1");
        alice.Send("#lobby");
        alice.Send("sentinel");
        await bob.WaitForAsync(@"^\[#lobby\] \d\d:\d\d alice: sentinel$");

        // Whether bob got it live or from history after reconnecting, he sees it exactly once.
        Assert.Equal(1, bob.Count(@"^\[#lobby\] \d\d:\d\d alice: after the restart$"));
        alice.CloseInput();
        bob.CloseInput();
        Assert.Equal(0, await alice.WaitForExitAsync());
    }

    [Fact]
    public async Task CommandsAtTheChoicePrompt_GoToTheConversationThePromptNames_NotTheLastOneWrittenTo()
    {
        int port = await StartServerAsync();
        ConsoleProcess bob = await StartMenuClientAsync(port, "bob");
        ConsoleProcess alice = await StartMenuClientAsync(port, "alice");
        await bob.WaitForAsync(@"\* alice joined #general");

        // The menu's "private message" names its recipient; it does not move the prompt's conversation.
        alice.Send("2");
        alice.Send("bob");
        alice.Send("oi bob");
        await bob.WaitForAsync(@"^\[@alice\] \d\d:\d\d alice: oi bob$");
        alice.Send("/me testa o menu");
        await bob.WaitForAsync(@"^\[#general\] \d\d:\d\d \* alice testa o menu$");
        alice.Send("/whois bob");
        // (From a pipe the answer is not echoed, so a line may follow its prompt on the same row.)
        await alice.WaitForAsync(@"\[#general\] \d\d:\d\d - bob — guest");

        // /msg does, as in the full-screen client, and the prompt says so.
        alice.Send("/msg bob psst");
        alice.Send("/me acena");
        await bob.WaitForAsync(@"^\[@alice\] \d\d:\d\d \* alice acena$");
        Assert.Equal(0, alice.Count(@"\[@bob\] \d\d:\d\d \* alice testa o menu"));
        Assert.True(alice.Count(@"\[#general\] choice> ") > 0, "the prompt names #general");
        Assert.True(alice.Count(@"\[@bob\] choice> ") > 0, "the prompt names @bob after /msg");
        alice.CloseInput();
        Assert.Equal(0, await alice.WaitForExitAsync());
    }

    [Fact]
    public async Task LineTypedWhileDisconnected_IsNotPrintedAsSent_AndSaysSoOnce()
    {
        (ConsoleProcess server, int port) = await StartServerProcessAsync();
        ConsoleProcess alice = await StartMenuClientAsync(port, "alice");

        server.Kill();
        await alice.WaitForAsync("- connection lost");
        alice.Send("1");
        alice.Send("#general");
        alice.Send("menu offline ação");

        await alice.WaitForAsync("not sent, still disconnected: menu offline ação$");
        await StartServerProcessAsync(port);
        await alice.WaitForAsync("- reconnected$");
        alice.Send("1");
        alice.Send("#general");
        alice.Send("back online");
        await alice.WaitForAsync(@"\[#general\] \d\d:\d\d alice: back online$");

        Assert.Equal(0, alice.Count(@"\d\d:\d\d alice: menu offline ação"));
        Assert.Equal(1, alice.Count("menu offline ação"));
        Assert.Equal(0, alice.Count("error:"));
        alice.CloseInput();
        Assert.Equal(0, await alice.WaitForExitAsync());
    }

    [Fact]
    public async Task AdminShutdown_EndsTheServer_AndClientsSayWhy_AndReconnectWhenItIsBack()
    {
        (ConsoleProcess server, int port) = await StartServerProcessAsync();
        ConsoleProcess admin = await StartMenuClientAsync(port, "admin",
            new Dictionary<string, string> { ["ADMIN_PASSWORD"] = AdminPassword }, "--password-env", "ADMIN_PASSWORD");
        ConsoleProcess bob = await StartMenuClientAsync(port, "bob");

        admin.Send("/shutdown maintenance at noon");

        await bob.WaitForAsync(@"- server shut down by admin \(maintenance at noon\); reconnecting…$");
        Assert.Equal(0, await server.WaitForExitAsync());
        await StartServerProcessAsync(port);
        await bob.WaitForAsync("- reconnected$");
        // One line says why the connection went, not a second "connection lost".
        Assert.Equal(0, bob.Count("connection lost"));
        bob.CloseInput();
        Assert.Equal(0, await bob.WaitForExitAsync());
    }

    [Fact]
    public async Task MaxLinesBelowOne_IsRefusedBeforeConnecting()
    {
        ConsoleProcess client = Track(ConsoleProcess.Start("alice", BuiltBinaries.ClientDll, null,
            "--menu", "--port", "1", "--user", "alice", "--max-lines", "0"));
        Assert.Equal(2, await client.WaitForExitAsync());
        Assert.Contains("error: --max-lines must be at least 1", client.Output, StringComparison.Ordinal);
    }
}
