using System.Diagnostics;
using System.Text.RegularExpressions;
using TuiChat.Server.Tests.Support;
using static TuiChat.Server.Tests.Support.TestClient;

namespace TuiChat.Server.Tests;

/// <summary>Runs the real <c>tuichat-server</c> executable and checks how the process ends.</summary>
public sealed partial class ServerProcessTests
{
    [Fact]
    public async Task AdminShutdown_EndsTheProcessWithExitCodeZero()
    {
        await using var server = await ServerProcess.StartAsync();
        await using TestClient alice = await TestClient.LoginAsync(server.Port, "alice");
        await using TestClient admin = await TestClient.LoginAsync(server.Port, "admin", ServerProcess.AdminPassword);

        await admin.ExpectOkAsync("admin.shutdown", new { reason = "test over" });

        await alice.WaitForAsync(f => Type(f) == "shutdown" && Str(f, "by") == "admin");
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Sigterm_TellsClients_AndExitsWithZero()
    {
        await using var server = await ServerProcess.StartAsync();
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
        var info = new ProcessStartInfo("dotnet", [ServerProcess.ServerDll, "--help"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(info)!;
        string output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        foreach (string option in new[] { "--bind", "--port", "--data", "--log", "--rate", "--max-frame", "--max-file-mb", "--admin-password-env" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    private sealed partial class ServerProcess : IAsyncDisposable
    {
        public const string AdminPassword = "process-admin-pw";
        public static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "tuichat-server.dll");

        private readonly Process _process;
        private readonly string _directory;

        private ServerProcess(Process process, string directory, int port)
        {
            _process = process;
            _directory = directory;
            Port = port;
        }

        public int Port { get; }

        public int Pid => _process.Id;

        public static async Task<ServerProcess> StartAsync()
        {
            string directory = Path.Combine(Path.GetTempPath(), "tuichat-proc-" + Guid.NewGuid().ToString("N"));
            var info = new ProcessStartInfo("dotnet", [ServerDll, "--port", "0", "--data", Path.Combine(directory, "data"), "--log", Path.Combine(directory, "logs"), "--admin-password-env", "TUICHAT_TEST_ADMIN_PW"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.Environment["TUICHAT_TEST_ADMIN_PW"] = AdminPassword;
            Process process = Process.Start(info)!;
            var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line && ListeningLine().Match(line) is { Success: true } m)
                {
                    port.TrySetResult(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                }
            };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new ServerProcess(process, directory, await port.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return _process.ExitCode;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        [GeneratedRegex(@"listening on [^:\s]+:(\d+)")]
        private static partial Regex ListeningLine();
    }
}
