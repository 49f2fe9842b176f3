using System.Diagnostics;
using System.Runtime.InteropServices;
using TuiChat.Client.Tests.Menu;

namespace TuiChat.Tools.Tests;

/// <summary>
/// The linux-x64 single-file build from scripts/publish.sh, run as a user without the SDK would:
/// the server executable and two menu-client executables chatting. Covers what single-file can
/// break: the bundled SQLite native library, Serilog, JSON source generation, the option reflection.
/// </summary>
public sealed class SingleFileBuildTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tuichat-single-file-").FullName;
    private readonly List<ConsoleProcess> _processes = [];

    public void Dispose()
    {
        foreach (ConsoleProcess process in _processes)
        {
            process.Dispose();
        }
        Directory.Delete(_folder, recursive: true);
    }

    [LinuxX64Fact]
    public async Task PublishedExecutables_RunAServerAndMenuClients()
    {
        string bin = await PublishAsync();
        // Where the bundled native SQLite library is unpacked at first start.
        var environment = new Dictionary<string, string> { ["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(_folder, "extract") };

        ConsoleProcess server = Track(ConsoleProcess.Start("server", Path.Combine(bin, "tuichat-server"), environment,
            "--port", "0", "--rate", "0", "--data", Path.Combine(_folder, "data"), "--log", Path.Combine(_folder, "logs")));
        var listening = await server.WaitForAsync(@"listening on \S+:(\d+) \(plain TCP\); store SQLite ");
        string port = listening.Groups[1].Value;

        ConsoleProcess bob = Track(ConsoleProcess.Start("bob", Path.Combine(bin, "tuichat"), environment, "--menu", "--port", port, "--user", "bob",
            "--downloads", Path.Combine(_folder, "bob")));
        await bob.WaitForAsync("^logged in as bob");
        ConsoleProcess alice = Track(ConsoleProcess.Start("alice", Path.Combine(bin, "tuichat"), environment, "--menu", "--port", port, "--user", "alice",
            "--downloads", Path.Combine(_folder, "alice")));
        await alice.WaitForAsync("^logged in as alice");

        alice.Send("1");
        alice.Send("#general");
        alice.Send("olá from a single file 🎉");
        await bob.WaitForAsync(@"^\[#general\] \d\d:\d\d alice: olá from a single file 🎉$");
    }

    private static async Task<string> PublishAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "scripts", "publish.sh"), "linux-x64"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Path,
        };
        using Process publish = Process.Start(start)!;
        Task<string> errors = publish.StandardError.ReadToEndAsync();
        string output = await publish.StandardOutput.ReadToEndAsync();
        await publish.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(15));
        Assert.True(publish.ExitCode == 0, $"publish.sh failed:\n{output}\n{await errors}");

        string bin = Path.Combine(RepositoryRoot.Path, "publish", "linux-x64");
        string sums = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "publish", "SHA256SUMS"));
        foreach (string name in new[] { "tuichat", "tuichat-server", "tuichat-bench" })
        {
            Assert.Contains("linux-x64/" + name + "\n", sums, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(bin, name + ".dll")), "not a single file: " + name + ".dll beside it");
        }
        return bin;
    }

    private ConsoleProcess Track(ConsoleProcess process)
    {
        _processes.Add(process);
        return process;
    }
}

/// <summary>A fact for the linux-x64 build only: other machines cannot run that executable.</summary>
public sealed class LinuxX64FactAttribute : FactAttribute
{
    public LinuxX64FactAttribute()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Skip = "runs the linux-x64 single-file build";
        }
    }
}
