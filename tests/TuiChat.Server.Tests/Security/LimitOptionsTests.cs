using System.Buffers.Binary;
using System.Text.Json;
using CommandLine;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests.Security;

/// <summary>Every resource limit is a command-line option, and the real server process obeys it.</summary>
public sealed class LimitOptionsTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void EveryLimitOption_ReachesTheServerOptions()
    {
        CommandLineOptions cli = Parser.Default.ParseArguments<CommandLineOptions>(
        [
            "--max-connections-per-address", "7", "--max-downloads-per-connection", "3", "--max-frame-before-login", "2048",
            "--max-outbound-mb", "32", "--max-registrations-per-address", "9", "--max-sessions-per-account", "3",
        ]).Value;

        ServerOptions options = cli.ToServerOptions(null);

        Assert.Equal(7, options.MaxConnectionsPerAddress);
        Assert.Equal(3, options.MaxDownloadsPerConnection);
        Assert.Equal(2048, options.MaxFrameBeforeLogin);
        Assert.Equal(32L * 1024 * 1024, options.MaxOutboundBytes);
        Assert.Equal(9, options.MaxRegistrationsPerAddress);
        Assert.Equal(3, options.MaxSessionsPerAccount);
    }

    [Fact]
    public void TheDefaults_AreTheDocumentedOnes()
    {
        ServerOptions options = Parser.Default.ParseArguments<CommandLineOptions>([]).Value.ToServerOptions(null);

        Assert.Equal(16, options.MaxConnectionsPerAddress);
        Assert.Equal(4, options.MaxDownloadsPerConnection);
        Assert.Equal(8192, options.MaxFrameBeforeLogin);
        Assert.Equal(256L * 1024 * 1024, options.MaxOutboundBytes);
        Assert.Equal(5, options.MaxRegistrationsPerAddress);
        Assert.Equal(8, options.MaxSessionsPerAccount);
        Assert.Equal(new ServerOptions().MaxSessionsPerAccount, options.MaxSessionsPerAccount);
        Assert.Equal(new ServerOptions().MaxConnectionsPerAddress, options.MaxConnectionsPerAddress);
    }

    [Fact]
    public async Task TheRealServer_UsesTheConnectionRegistrationAndFrameLimits()
    {
        await using ServerProcess server = await ServerProcess.StartAsync(_data.Path,
            ["--max-connections-per-address", "2", "--max-registrations-per-address", "1", "--max-frame-before-login", "1024"]);

        await using TestClient first = await TestClient.LoginAsync(server.Port, "first", "password-1", register: true);
        await using TestClient second = await TestClient.ConnectAsync(server.Port);
        JsonElement refused = await second.RequestAsync("hello", new { protocol = 1, user = "second", password = "password-2", register = true });
        Assert.True(IsError(refused, "rate_limited"), refused.ToString());

        await using TestClient third = await TestClient.ConnectAsync(server.Port);
        await third.WaitForAsync(f => IsError(f, "quota_exceeded"));
        await third.WaitClosedAsync();

        byte[] header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, 2048);
        await second.SendRawAsync(header);
        JsonElement tooLarge = await second.WaitForAsync(f => IsError(f, "bad_frame"));
        Assert.Contains("1024", Str(tooLarge, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRealServer_BoundsTheSessionsOfAnAccount()
    {
        await using ServerProcess server = await ServerProcess.StartAsync(_data.Path, ["--max-sessions-per-account", "2"]);
        await using TestClient laptop = await TestClient.LoginAsync(server.Port, "alice", "password-a", register: true);
        await using TestClient phone = await TestClient.LoginAsync(server.Port, "alice", "password-a");
        await using TestClient third = await TestClient.ConnectAsync(server.Port);

        JsonElement refused = await third.RequestAsync("hello", new { protocol = 1, user = "alice", password = "password-a" });

        Assert.True(IsError(refused, "quota_exceeded"), refused.ToString());
        await laptop.ExpectOkAsync("msg", new { to = "#general", text = "both sessions see this" });
        await phone.WaitForAsync(f => Str(f, "text") == "both sessions see this");
    }

    [Fact]
    public async Task NoSessionsPerAccount_IsAUsageError()
    {
        (int exitCode, string output) = await ServerProcess.RunUntilExitAsync(_data.Path, ["--max-sessions-per-account", "0"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("--max-sessions-per-account must be at least 1", output, StringComparison.Ordinal);
    }
}
