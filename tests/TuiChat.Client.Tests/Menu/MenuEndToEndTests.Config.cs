using System.Globalization;

namespace TuiChat.Client.Tests.Menu;

/// <summary>--config and --server through the real binary: the file's values reach the running client.</summary>
public sealed partial class MenuEndToEndTests
{
    [Fact]
    public async Task ConfigFile_SetsThePortAndTheTimeFormat_AndABadLineIsReportedOnce()
    {
        int port = await StartServerAsync();
        string config = Path.Combine(_folder, "carol.toml");
        await File.WriteAllTextAsync(config, $"""
            port = {port}

            [display]
            nonsense = 1
            timestamp_format = "HH:mm:ss"
            """);

        // No --port: only the file names the server's.
        ConsoleProcess carol = Track(ConsoleProcess.Start("carol", BuiltBinaries.ClientDll, ClientEnvironment("carol"),
            "--menu", "--user", "carol", "--config", config, "--downloads", Path.Combine(_folder, "carol-downloads")));

        await carol.WaitForAsync("^logged in as carol");
        await carol.WaitForAsync(@"^(\[#general\] )?\d\d:\d\d:\d\d - " + System.Text.RegularExpressions.Regex.Escape(config)
            + @":4: display\.nonsense: expected");
        await carol.WaitForAsync(@"^\[#general\] \d\d:\d\d:\d\d \* you joined #general");
        Assert.Single(carol.Output.Split('\n'), l => l.Contains("display.nonsense", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ServerOption_PicksThatSectionOfTheConfigFile_AndAnUnknownServerStopsWithExit2()
    {
        int port = await StartServerAsync();
        string config = Path.Combine(_folder, "dave.toml");
        await File.WriteAllTextAsync(config, $"""
            port = 1
            [servers.test]
            port = {port.ToString(CultureInfo.InvariantCulture)}
            user = "dave"
            """);

        ConsoleProcess dave = Track(ConsoleProcess.Start("dave", BuiltBinaries.ClientDll, ClientEnvironment("dave"),
            "--menu", "--config", config, "--server", "test", "--downloads", Path.Combine(_folder, "dave-downloads")));
        await dave.WaitForAsync("^logged in as dave");

        ConsoleProcess nobody = Track(ConsoleProcess.Start("nobody", BuiltBinaries.ClientDll, ClientEnvironment("nobody"),
            "--menu", "--config", config, "--server", "prod"));
        Assert.Equal(2, await nobody.WaitForExitAsync());
        Assert.Contains("--server prod: the file has no [servers.prod] section", nobody.Output);
    }

    private Dictionary<string, string> ClientEnvironment(string user) => new()
    {
        ["XDG_DATA_HOME"] = DataHome(user),
        ["XDG_CONFIG_HOME"] = Path.Combine(_folder, "xdg-config-" + user),
    };
}
