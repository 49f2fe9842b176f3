using System.Globalization;
using System.Security.Cryptography;

namespace TuiChat.Client.Tests.Menu;

/// <summary>
/// The real server and two real menu clients, driven through stdin the way a script would.
/// </summary>
public sealed class MenuEndToEndTests : IDisposable
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

    private async Task<int> StartServerAsync()
    {
        ConsoleProcess server = Track(ConsoleProcess.Start("server", BuiltBinaries.ServerDll, null,
            "--bind", "127.0.0.1", "--port", "0", "--rate", "0",
            "--data", Path.Combine(_folder, "data"), "--log", Path.Combine(_folder, "logs")));
        var listening = await server.WaitForAsync(@"listening on \S+:(\d+)");
        return int.Parse(listening.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task<ConsoleProcess> StartMenuClientAsync(int port, string user)
    {
        ConsoleProcess client = Track(ConsoleProcess.Start(user, BuiltBinaries.ClientDll, null,
            "--menu", "--port", port.ToString(CultureInfo.InvariantCulture), "--user", user,
            "--downloads", Path.Combine(_folder, user + "-downloads")));
        await client.WaitForAsync("^logged in as " + user);
        return client;
    }

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
        ConsoleProcess alice = await StartMenuClientAsync(port, "alice");
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
    public async Task FileSentFromOneUserToAnother_IsSavedWithTheSameBytes()
    {
        int port = await StartServerAsync();
        ConsoleProcess bob = await StartMenuClientAsync(port, "bob");
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
}
