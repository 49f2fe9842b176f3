using System.Diagnostics;
using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary>Runs the real <c>tuichat-server</c> executable and checks how the process ends.</summary>
public sealed class ServerProcessTests : IDisposable
{
    private const string AdminPassword = "process-admin-pw";
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "tuichat-server.dll");

    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    private Task<ServerProcess> StartAsync() => ServerProcess.StartAsync(_data.Path,
        ["--admin-password-env", "TUICHAT_TEST_ADMIN_PW"],
        new Dictionary<string, string> { ["TUICHAT_TEST_ADMIN_PW"] = AdminPassword });

    [Fact]
    public async Task AdminShutdown_EndsTheProcessWithExitCodeZero()
    {
        await using ServerProcess server = await StartAsync();
        await using TestClient alice = await TestClient.LoginAsync(server.Port, "alice");
        await using TestClient admin = await TestClient.LoginAsync(server.Port, "admin", AdminPassword);

        await admin.ExpectOkAsync("admin.shutdown", new { reason = "test over" });

        await alice.WaitForAsync(f => Type(f) == "shutdown" && Str(f, "by") == "admin");
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Sigterm_TellsClients_AndExitsWithZero()
    {
        await using ServerProcess server = await StartAsync();
        await using TestClient alice = await TestClient.LoginAsync(server.Port, "alice");

        using (Process kill = Process.Start("kill", ["-TERM", server.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await alice.WaitForAsync(f => Type(f) == "shutdown");
        await alice.WaitClosedAsync();
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Help_ListsTheOptions()
    {
        var info = new ProcessStartInfo("dotnet", [ServerDll, "--help"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(info)!;
        string output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        foreach (string option in new[] { "--bind", "--port", "--data", "--log", "--rate", "--max-frame", "--max-file-mb", "--admin-password-env" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }
}
