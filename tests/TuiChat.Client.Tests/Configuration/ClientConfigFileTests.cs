using TuiChat.Cli.Configuration;
using TuiChat.Client.Configuration;
using TuiChat.Client.Core.Settings;
using TuiChat.Client.Tui;

namespace TuiChat.Client.Tests.Configuration;

/// <summary>
/// The config file: sections become preferences, top-level keys and the chosen server become
/// options, and every bad line is one message naming the file, line and key while the rest still counts.
/// </summary>
public sealed class ClientConfigFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tuichat-config-").FullName;
    private readonly PreferenceCatalog _catalog = new(ActionKeys.IsKey);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        string path = Path.Combine(_folder, "config.toml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void AGoodFile_SetsPreferencesAndOptions()
    {
        string path = Write("""
            # my settings
            host = "chat.example"
            port = 6000

            [display]
            timestamp_format = "HH:mm:ss"
            hide_join_part = true

            [notify]
            highlight_words = ["deploy", "oncall"]
            bell = false
            desktop = "osc9"

            [autojoin]
            rooms = ["#games"]

            [keys]
            next_activity = "Alt+N"
            previous = ["Alt+CursorUp", "F7"]

            [theme]
            own = "brightgreen"
            """);

        ClientConfig config = ClientConfigFile.Load(path, named: true, server: null, _catalog);

        Assert.Empty(config.Problems);
        Assert.Equal(["--host", "chat.example", "--port", "6000"], config.Options.SelectMany(o => o.Tokens));
        Preferences p = config.Preferences;
        Assert.Equal("HH:mm:ss", p.TimestampFormat);
        Assert.True(p.HideJoinPart);
        Assert.Equal(["deploy", "oncall"], p.HighlightWords);
        Assert.False(p.Bell);
        Assert.Equal(DesktopNotification.Osc9, p.Desktop);
        Assert.Equal(["#games"], p.AutojoinRooms);
        Assert.Equal(["Alt+N"], p.Keys[KeyActions.NextActivity]);
        Assert.Equal(["Alt+CursorUp", "F7"], p.Keys[KeyActions.Previous]);
        Assert.Equal("brightgreen", p.Theme["own"]);
    }

    [Fact]
    public void BadLines_EachGiveOneMessage_WithFileLineAndKey_AndTheRestCounts()
    {
        string path = Write("""
            [display]
            timestamp_fromat = "HH:mm:ss"
            hide_join_part = "yes"
            timestamp_format = "HH:mm:ss"

            [notify]
            desktop = "growl"

            [colours]
            own = "red"

            [keys]
            quit = "Hyper+Q"
            """);

        ClientConfig config = ClientConfigFile.Load(path, named: true, server: null, _catalog);

        Assert.Equal(
        [
            $"{path}:2: display.timestamp_fromat: unknown setting (/set lists them)",
            $"{path}:3: display.hide_join_part: expected true or false",
            $"{path}:7: notify.desktop: expected one of off, osc777, osc9, both",
            $"{path}:9: [colours]: unknown section; the sections are [display], [notify], [people], [autojoin], [theme], [keys], [servers.NAME]",
            $"{path}:13: keys.quit: \"Hyper+Q\" is not a key name (examples: Alt+A, Ctrl+N, F2, Alt+CursorUp)",
        ], config.Problems);
        Assert.Equal("HH:mm:ss", config.Preferences.TimestampFormat);
        Assert.Equal(DesktopNotification.Off, config.Preferences.Desktop);
        Assert.Equal(["Ctrl+Q"], config.Preferences.Keys[KeyActions.Quit]);
    }

    [Fact]
    public void AnOptionKeyThatIsUnknownOrOfTheWrongType_IsAProblem_NotAFailure()
    {
        string path = Write("port = \"five\"\nhots = \"x\"\nuser = \"alice\"\n");

        ClientConfig config = ClientConfigFile.Load(path, named: true, server: null, _catalog);

        Assert.Equal(2, config.Problems.Count);
        Assert.StartsWith($"{path}:1: port: expected a whole number", config.Problems[0]);
        Assert.StartsWith($"{path}:2: hots: unknown setting", config.Problems[1]);
        Assert.Equal(["--user", "alice"], config.Options.SelectMany(o => o.Tokens));
    }

    [Fact]
    public void InvalidToml_IsOneProblem_AndEverythingIsDefault()
    {
        string path = Write("[display]\ntimestamp_format = \"HH:mm\n");

        ClientConfig config = ClientConfigFile.Load(path, named: true, server: null, _catalog);

        string problem = Assert.Single(config.Problems);
        Assert.StartsWith($"{path}:2: not valid TOML", problem);
        Assert.Equal("HH:mm", config.Preferences.TimestampFormat);
    }

    [Fact]
    public void AMissingDefaultFile_IsNoProblem_ButAMissingNamedOneIsSaid()
    {
        string path = Path.Combine(_folder, "absent.toml");

        Assert.Empty(ClientConfigFile.Load(path, named: false, server: null, _catalog).Problems);
        Assert.Contains("no such file", Assert.Single(ClientConfigFile.Load(path, named: true, server: null, _catalog).Problems));
    }

    [Fact]
    public void AServerSection_IsUsedOnlyWhenChosen_AndOverridesTheTopLevel()
    {
        string path = Write("""
            port = 5000
            [servers.work]
            host = "chat.work.example"
            port = 7000
            tls = true
            [servers.home]
            host = "home.example"
            """);

        Assert.Equal(["--port", "5000"], ClientConfigFile.Load(path, true, null, _catalog).Options.SelectMany(o => o.Tokens));
        Assert.Equal(["--port", "5000", "--host", "chat.work.example", "--port", "7000", "--tls"],
            ClientConfigFile.Load(path, true, "work", _catalog).Options.SelectMany(o => o.Tokens));
        ConfigException missing = Assert.Throws<ConfigException>(() => ClientConfigFile.Load(path, true, "play", _catalog));
        Assert.Contains("--server play: the file has no [servers.play] section", missing.Message);
    }

    [Theory]
    [InlineData("/xdg", "/home/alice", "/xdg/tuichat/config.toml")]
    [InlineData(null, "/home/alice", "/home/alice/.config/tuichat/config.toml")]
    [InlineData("", "/home/alice", "/home/alice/.config/tuichat/config.toml")]
    public void TheDefaultPath_FollowsXdg(string? xdg, string home, string expected)
    {
        string path = ClientConfigFile.DefaultPath(name => name switch
        {
            "XDG_CONFIG_HOME" => xdg,
            "HOME" => home,
            _ => null,
        });

        Assert.Equal(expected, path);
    }

    [Fact]
    public void SaveConfig_ChangesOnlyWhatWasSet_KeepingCommentsAndOtherLines()
    {
        string path = Write("""
            # written by hand
            host = "chat.example"

            [display]
            timestamp_format = "HH:mm" # short
            """);
        ClientConfig config = ClientConfigFile.Load(path, named: true, server: null, _catalog);
        var file = new PreferenceFile(path, _catalog, config.Preferences);

        Assert.Null(_catalog.TrySetFromText(config.Preferences, "display.timestamp_format", "HH:mm:ss"));
        Assert.Null(_catalog.TrySetFromText(config.Preferences, "notify.highlight_words", "deploy oncall"));
        IReadOnlyList<string> written = file.Save(config.Preferences);

        Assert.Equal(["display.timestamp_format", "notify.highlight_words"], written);
        string text = File.ReadAllText(path);
        Assert.Contains("# written by hand", text);
        Assert.Contains("host = \"chat.example\"", text);
        Assert.Contains("timestamp_format = \"HH:mm:ss\" # short", text);
        ClientConfig again = ClientConfigFile.Load(path, named: true, server: null, _catalog);
        Assert.Empty(again.Problems);
        Assert.Equal("HH:mm:ss", again.Preferences.TimestampFormat);
        Assert.Equal(["deploy", "oncall"], again.Preferences.HighlightWords);
        Assert.Empty(file.Save(again.Preferences));
    }

    [Fact]
    public void SaveConfig_CreatesTheFileAndItsFolder()
    {
        string path = Path.Combine(_folder, "new", "tuichat", "config.toml");
        var preferences = new Preferences();
        var file = new PreferenceFile(path, _catalog, preferences);
        Assert.Null(_catalog.TrySetFromText(preferences, "notify.bell", "off"));

        file.Save(preferences);

        Assert.False(ClientConfigFile.Load(path, named: true, server: null, _catalog).Preferences.Bell);
    }

    [Fact]
    public void SaveConfig_NeverOverwritesAFileThatIsNotValidToml()
    {
        string path = Write("[display\n");
        var preferences = new Preferences();
        var file = new PreferenceFile(path, _catalog, preferences);
        Assert.Null(_catalog.TrySetFromText(preferences, "notify.bell", "off"));

        IOException e = Assert.Throws<IOException>(() => file.Save(preferences));

        Assert.Contains("nothing was written", e.Message);
        Assert.Equal("[display\n", File.ReadAllText(path));
    }
}
