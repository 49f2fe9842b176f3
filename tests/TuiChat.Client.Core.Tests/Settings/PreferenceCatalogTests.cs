using TuiChat.Client.Core.Settings;

namespace TuiChat.Client.Core.Tests.Settings;

/// <summary>Every setting is checked the same way from a file or /set: good values change it, bad ones say why and change nothing.</summary>
public sealed class PreferenceCatalogTests
{
    private readonly PreferenceCatalog _catalog = new(key => key is "Alt+A" or "F2" or "Ctrl+N");
    private readonly Preferences _preferences = new();

    [Fact]
    public void Defaults_AreWhatTheIssueAsksFor()
    {
        Assert.Equal("HH:mm", _preferences.TimestampFormat);
        Assert.True(_preferences.Bell);
        Assert.False(_preferences.HideJoinPart);
        Assert.Equal(DesktopNotification.Off, _preferences.Desktop);
        Assert.Equal(["Alt+A"], _preferences.Keys[KeyActions.NextActivity]);
    }

    [Fact]
    public void GoodValues_ChangeTheSetting_AndSayWhichKeyChanged()
    {
        var changed = new List<string>();
        _preferences.Changed += (_, key) => changed.Add(key);

        Assert.Null(_catalog.TrySet(_preferences, "display.timestamp_format", "HH:mm:ss"));
        Assert.Null(_catalog.TrySet(_preferences, "notify.bell", false));
        Assert.Null(_catalog.TrySet(_preferences, "notify.desktop", "OSC777"));
        Assert.Null(_catalog.TrySet(_preferences, "notify.highlight_words", (IReadOnlyList<string>)["deploy", "oncall"]));
        Assert.Null(_catalog.TrySet(_preferences, "autojoin.rooms", (IReadOnlyList<string>)["#games", "dev"]));
        Assert.Null(_catalog.TrySet(_preferences, "keys.next_activity", (IReadOnlyList<string>)["F2"]));
        Assert.Null(_catalog.TrySet(_preferences, "theme.own", "BrightGreen"));

        Assert.Equal("HH:mm:ss", _preferences.TimestampFormat);
        Assert.False(_preferences.Bell);
        Assert.Equal(DesktopNotification.Osc777, _preferences.Desktop);
        Assert.Equal(["deploy", "oncall"], _preferences.HighlightWords);
        Assert.Equal(["#games", "dev"], _preferences.AutojoinRooms);
        Assert.Equal(["F2"], _preferences.Keys[KeyActions.NextActivity]);
        Assert.Equal("brightgreen", _preferences.Theme["own"]);
        Assert.Equal(7, changed.Count);
    }

    [Theory]
    [InlineData("display.nope", "x", "display.nope: unknown setting")]
    [InlineData("display.timestamp_format", "%", "is not a date format")]
    [InlineData("notify.desktop", "growl", "expected one of off, osc777, osc9, both")]
    [InlineData("notify.desktop", "1", "expected one of off, osc777, osc9, both")]
    [InlineData("theme.own", "chartreuse", "\"chartreuse\" is not a colour")]
    [InlineData("keys.next_activity", "Hyper+Q", "\"Hyper+Q\" is not a key name")]
    [InlineData("autojoin.rooms", "#bad name", "\"#bad name\" is not a room name")]
    public void BadValues_SayWhatIsWrong_AndKeepTheOldValue(string key, string value, string expected)
    {
        string before = string.Join("|", _catalog.All.Select(p => PreferenceCatalog.Describe(p, _preferences)));

        string? problem = _catalog.TrySet(_preferences, key, value);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
        Assert.Equal(before, string.Join("|", _catalog.All.Select(p => PreferenceCatalog.Describe(p, _preferences))));
    }

    [Fact]
    public void AValueOfTheWrongType_IsRefused()
    {
        Assert.Equal("notify.bell: expected true or false", _catalog.TrySet(_preferences, "notify.bell", "loud"));
        Assert.Equal("display.timestamp_format: expected a string", _catalog.TrySet(_preferences, "display.timestamp_format", true));
    }

    [Theory]
    [InlineData("notify.bell", "off", "notify.bell = off")]
    [InlineData("notify.bell", "yes", "notify.bell = on")]
    [InlineData("notify.highlight_words", "deploy, oncall pager", "notify.highlight_words = deploy, oncall, pager")]
    [InlineData("display.timestamp_format", " HH:mm:ss ", "display.timestamp_format = HH:mm:ss")]
    public void SetFromText_ReadsWhatAPersonTypes(string key, string text, string shown)
    {
        Assert.Null(_catalog.TrySetFromText(_preferences, key, text));
        Assert.Equal(shown, PreferenceCatalog.Describe(_catalog.Find(key)!, _preferences));
    }

    [Fact]
    public void EveryWindowAction_HasAKeySetting()
    {
        foreach (string action in KeyActions.Defaults.Keys)
        {
            Assert.NotNull(_catalog.Find("keys." + action));
        }
        Assert.NotNull(_catalog.Find("keys.jump_9"));
    }
}
