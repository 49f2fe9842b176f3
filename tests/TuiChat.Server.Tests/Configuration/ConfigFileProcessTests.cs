using TuiChat.Server.Tests.Storage;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Configuration;

/// <summary>
/// The config file, flags and TUICHAT_* variables through the real tuichat-server process:
/// precedence (file &lt; flag &lt; environment) as --print-config reports it and as the running
/// server uses it, and one clear line with exit code 2 for every kind of bad file.
/// </summary>
public sealed class ConfigFileProcessTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    private string WriteConfig(string text, string name = "server.toml")
    {
        string path = Path.Combine(_data.Path, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task FileFlagAndEnvironment_LayerInThatOrder()
    {
        string config = WriteConfig("""
            # settings for the test
            max-file-mb = 7
            max-frame = 4096
            admin-password-env = "FROM_FILE_PW"
            """);

        (int exit, string output) = await ServerProcess.RunUntilExitAsync(_data.Path,
            ["--config", config, "--max-file-mb", "8", "--max-frame", "5000", "--print-config"],
            new Dictionary<string, string> { ["TUICHAT_MAX_FRAME"] = "6000" });

        Assert.Equal(0, exit);
        Assert.Contains($"admin-password-env = \"FROM_FILE_PW\"  # {config}:4", output, StringComparison.Ordinal);
        Assert.Contains("max-file-mb = 8  # command line", output, StringComparison.Ordinal);
        Assert.Contains("max-frame = 6000  # $TUICHAT_MAX_FRAME", output, StringComparison.Ordinal);
        Assert.Contains("bind = \"127.0.0.1\"  # default", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintConfig_NeverShowsASecret()
    {
        const string Secret = "hunter2-do-not-print";
        (int exit, string output) = await ServerProcess.RunUntilExitAsync(_data.Path, ["--print-config"],
            new Dictionary<string, string> { ["TUICHAT_ADMIN_PASSWORD"] = Secret });

        Assert.Equal(0, exit);
        Assert.DoesNotContain(Secret, output, StringComparison.Ordinal);
        Assert.Contains("# admin password: set from $TUICHAT_ADMIN_PASSWORD (hidden)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRunningServer_UsesTheFilesSettings()
    {
        // The admin password's variable is named only in the file: admin login works only if the server read it.
        string config = WriteConfig("admin-password-env = \"TUICHAT_TEST_CONFIG_PW\"\n");
        await using ServerProcess server = await ServerProcess.StartAsync(_data.Path, ["--config", config],
            new Dictionary<string, string> { ["TUICHAT_TEST_CONFIG_PW"] = "from-the-file" });

        await using TestClient admin = await TestClient.LoginAsync(server.Port, "admin", "from-the-file");
        Assert.Contains("store SQLite " + Path.Combine(_data.Path, "tuichat.db"), server.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("port = \"abc\"\n", 1, "port: expected a whole number, got \"abc\"")]
    [InlineData("rate = 1\nmax-frame = 1.5\n", 2, "max-frame: expected a whole number, got 1.5")]
    [InlineData("bind = 5\n", 1, "bind: expected text, got 5")]
    [InlineData("# ok\nmax-file-mb = 3\nporty = 3\n", 3, "porty: unknown setting")]
    [InlineData("port = \n", 1, "not valid TOML")]
    [InlineData("port = 1\nport = 2\n", 2, "not valid TOML: The key `port` is already defined")]
    [InlineData("[server]\nport = 1\n", 1, "[server]: sections are not used")]
    [InlineData("config = \"other.toml\"\n", 1, "config: only allowed on the command line")]
    [InlineData("rate = [1, 2]\n", 1, "rate: expected a number")]
    public async Task ABadFile_GivesOneLineWithFileLineAndKey_AndExitCode2(string text, int line, string message)
    {
        string config = WriteConfig(text);

        (int exit, string output) = await ServerProcess.RunUntilExitAsync(_data.Path, ["--config", config]);

        Assert.Equal(2, exit);
        Assert.Equal($"tuichat-server: {config}:{line}: {message}", output.Trim()[..$"tuichat-server: {config}:{line}: {message}".Length]);
        Assert.Single(output.Trim().Split('\n'));
    }

    [Fact]
    public async Task AMissingFile_IsNamed_WithExitCode2()
    {
        string missing = Path.Combine(_data.Path, "nope.toml");

        (int exit, string output) = await ServerProcess.RunUntilExitAsync(_data.Path, ["--config", missing]);

        Assert.Equal(2, exit);
        Assert.StartsWith($"tuichat-server: {missing}: cannot read the config file", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadEnvironmentValue_NamesTheVariable_WithExitCode2()
    {
        (int exit, string output) = await ServerProcess.RunUntilExitAsync(_data.Path, [],
            new Dictionary<string, string> { ["TUICHAT_MAX_FILE_MB"] = "lots" });

        Assert.Equal(2, exit);
        Assert.Equal("tuichat-server: $TUICHAT_MAX_FILE_MB: max-file-mb: expected a whole number, got \"lots\"", output.Trim());
    }
}
