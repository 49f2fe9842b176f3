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
    public async Task Help_ListsTheOptions_OnStandardOutput_WithExitCodeZero()
    {
        (int exit, string output, string errors) = await RunServerAsync("--help");

        Assert.Equal(0, exit);
        Assert.Equal("", errors);
        foreach (string option in new[] { "--config", "--print-config", "--backup", "--bind", "--port", "--data", "--log", "--rate", "--max-frame", "--max-file-mb", "--admin-password-env" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Version_PrintsTheNameAndTheVersion()
    {
        (int exit, string output, _) = await RunServerAsync("--version");

        Assert.Equal(0, exit);
        Assert.Matches(@"^tuichat-server \d+\.\d+\.\d+\s*$", output);
    }

    [Fact]
    public async Task AnUnknownOption_IsAnErrorOnStandardError_WithExitCode2()
    {
        (int exit, string output, string errors) = await RunServerAsync("--no-such-option");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains("no-such-option", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sighup_ReopensTheLogFile_AfterItWasMovedAway()
    {
        await using ServerProcess server = await StartAsync();
        string logs = Path.Combine(_data.Path, "logs");
        // The console shows the start line a moment before the file sink creates the folder and the file.
        await Eventually.Until(() => Directory.Exists(logs) && Directory.GetFiles(logs).Length == 1, "the log file");
        string log = Directory.GetFiles(logs).Single();
        File.Move(log, log + ".1");

        using (Process hup = Process.Start("kill", ["-HUP", server.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await hup.WaitForExitAsync();
        }

        try
        {
            await Eventually.Until(() => File.Exists(log) && File.ReadAllText(log).Contains("Log file reopened", StringComparison.Ordinal), "a new log file");
        }
        catch (TimeoutException e)
        {
            // What the folder and the server say then tells a lost signal from a slow or failed reopen.
            throw new TimeoutException(
                $"{e.Message}; the folder has {string.Join(", ", Directory.GetFiles(logs).Select(Path.GetFileName))}; {HangUpDisposition(server.Pid)}; the server printed:\n{server.Output}", e);
        }
        await using TestClient alice = await TestClient.LoginAsync(server.Port, "alice");
        await Eventually.Until(() => File.ReadAllText(log).Contains("Connection from", StringComparison.Ordinal), "the connection in the new log file");
        Assert.DoesNotContain("Connection from", File.ReadAllText(log + ".1"), StringComparison.Ordinal);
        Assert.Contains("listening on", File.ReadAllText(log + ".1"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether the server ignores SIGHUP: a process started with it ignored (the tests run under
    /// <c>nohup</c>) passes that on to its children, and .NET then installs no handler for it.
    /// </summary>
    private static string HangUpDisposition(int pid)
    {
        string status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            return "no /proc to tell whether the server ignores SIGHUP";
        }
        string? ignored = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return ignored is not null && (Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16) & 1) != 0
            ? "the server ignores SIGHUP, inherited from the test run (started under nohup?)"
            : "the server does not ignore SIGHUP";
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunServerAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", [ServerDll, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(info)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output, await errors);
    }
}
