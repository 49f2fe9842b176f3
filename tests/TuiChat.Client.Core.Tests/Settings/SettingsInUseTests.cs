using NSubstitute;
using TuiChat.Client.Core.Settings;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.Settings;

/// <summary>The settings change what the user sees: time format, highlight words, autojoin, the join/leave filter, /set and /save-config.</summary>
public sealed class SettingsInUseTests : IDisposable
{
    private readonly FixedTimeProvider _clock = FixedTimeProvider.NewUtc();
    private readonly Preferences _preferences = new();
    private readonly IPreferenceStore _store = Substitute.For<IPreferenceStore>();
    private readonly ChatFixture _f;

    public SettingsInUseTests()
    {
        _store.Path.Returns("/home/alice/.config/tuichat/config.toml");
        _f = new ChatFixture(configure: s => s with
        {
            Time = _clock,
            Preferences = _preferences,
            Catalog = new PreferenceCatalog(_ => true),
            Store = _store,
            StartupNotices = ["config.toml:3: display.nope: unknown setting (/set lists them)"],
        });
    }

    public void Dispose() => _f.Dispose();

    private string LastNotice => _f.Added.Last().Line.Text;

    [Fact]
    public void StartupNotices_AreShownOnce_BeforeAnything()
    {
        ConversationViewModel general = _f.Joined("#general");

        Assert.Contains(general.Lines, l => l.Text == "config.toml:3: display.nope: unknown setting (/set lists them)");
    }

    [Fact]
    public async Task SetTimestampFormat_ShowsSecondsOnNewLines()
    {
        ConversationViewModel general = _f.Joined("#general");
        await _f.Chat.ExecuteAsync("/set display.timestamp_format HH:mm:ss");
        _f.Message(1, "bob", "#general", "hi");

        Assert.Equal("09:30:00 bob: hi", general.Lines.Last().Display);
        Assert.StartsWith("display.timestamp_format = HH:mm:ss (for this session", LastNoticeBefore(general));
    }

    [Fact]
    public async Task HighlightWords_MakeALineAHighlight_AsAWholeWord()
    {
        _f.Joined("#general");
        ConversationViewModel ops = _f.Joined("#ops");
        _f.Chat.Select(_f.Conversation("#general"));
        await _f.Chat.ExecuteAsync("/set notify.highlight_words deploy");

        _f.Message(1, "bob", "#ops", "redeploying now");
        Assert.False(ops.HasMention);
        _f.Message(2, "bob", "#ops", "Deploy done");

        Assert.Equal(LineKind.Mention, ops.Lines.Last().Kind);
        Assert.True(ops.HasMention);
    }

    [Fact]
    public async Task SetWithABadValue_SaysWhy_AndKeepsTheOldValue()
    {
        _f.Joined("#general");
        await _f.Chat.ExecuteAsync("/set notify.desktop growl");

        Assert.Equal("error: notify.desktop: expected one of off, osc777, osc9, both", LastNotice);
        Assert.Equal(DesktopNotification.Off, _preferences.Desktop);
    }

    [Fact]
    public async Task SetWithASection_ListsItsSettings()
    {
        _f.Joined("#general");
        await _f.Chat.ExecuteAsync("/set notify");

        string[] shown = _f.Added.TakeLast(3).Select(a => a.Line.Text).ToArray();
        Assert.Equal(["notify.highlight_words = ", "notify.bell = on", "notify.desktop = off"], shown);
    }

    [Fact]
    public async Task SaveConfig_WritesThroughTheStore_AndSaysWhere()
    {
        _f.Joined("#general");
        _store.Save(_preferences).Returns(["notify.bell"]);
        await _f.Chat.ExecuteAsync("/set notify.bell off");
        await _f.Chat.ExecuteAsync("/save-config");

        _store.Received(1).Save(_preferences);
        Assert.Equal("saved notify.bell to /home/alice/.config/tuichat/config.toml", LastNotice);
    }

    [Fact]
    public async Task SaveConfig_ThatCannotWrite_SaysWhy()
    {
        _f.Joined("#general");
        _store.Save(_preferences).Returns(_ => throw new IOException("disk full"));
        await _f.Chat.ExecuteAsync("/save-config");

        Assert.Equal("error: disk full", LastNotice);
    }

    [Fact]
    public async Task Autojoin_JoinsEveryRoomAtLogin_WithoutTakingTheSelection()
    {
        _preferences.AutojoinRooms = ["#games", "dev"];
        _f.Server.ConnectAsync(default).ReturnsForAnyArgs(new HelloOk { Re = "1", User = "alice", Role = "user", Server = "fake" });
        _f.Server.JoinAsync(default!, default).ReturnsForAnyArgs(ci =>
            Task.FromResult(new RoomOk { Re = "1", Room = ci.Arg<string>(), Topic = "", Members = ["alice"] }));
        ConversationViewModel general = _f.Joined("#general");

        await _f.Chat.StartAsync();

        await Eventually.True(() => _f.Chat.Conversations.Count == 3, "both autojoin rooms in the list");
        await _f.Server.Received().JoinAsync("#games", Arg.Any<CancellationToken>());
        await _f.Server.Received().JoinAsync("#dev", Arg.Any<CancellationToken>());
        Assert.Same(general, _f.Chat.Selected);
    }

    [Fact]
    public void HideJoinPart_ShowsOnlyPeopleWhoSpokeRecently()
    {
        _preferences.HideJoinPart = true;
        ConversationViewModel general = _f.Joined("#general");

        _f.Raise(new JoinedEvent { Room = "#general", User = "carol" });
        _f.Raise(new JoinedEvent { Room = "#general", User = "bob" });
        _f.Message(1, "bob", "#general", "hi all");
        _clock.Advance(TimeSpan.FromMinutes(5));
        _f.Raise(new LeftEvent { Room = "#general", User = "bob", Reason = "part" });
        _f.Raise(new LeftEvent { Room = "#general", User = "carol", Reason = "part" });
        _f.Raise(new JoinedEvent { Room = "#general", User = "bob" });
        _clock.Advance(TimeSpan.FromMinutes(11));
        _f.Raise(new LeftEvent { Room = "#general", User = "bob", Reason = "part" });

        string[] joinLeave = general.Lines.Where(l => l.Kind == LineKind.JoinLeave).Select(l => l.Text).ToArray();
        Assert.Equal(["you joined #general", "bob left #general", "bob joined #general"], joinLeave);
    }

    [Fact]
    public void WithoutHideJoinPart_EveryJoinAndLeaveShows()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Raise(new JoinedEvent { Room = "#general", User = "carol" });
        _f.Raise(new LeftEvent { Room = "#general", User = "carol", Reason = "part" });

        Assert.Equal(3, general.Lines.Count(l => l.Kind == LineKind.JoinLeave));
    }

    [Fact]
    public async Task Ignore_HidesTheUsersMessagesFilesAndDirectMessages_AndKeepsTheListInTheConfig()
    {
        ConversationViewModel general = _f.Joined("#general");
        _store.Save(_preferences).Returns(["people.ignore"]);

        await _f.Chat.ExecuteAsync("/ignore @Bob");
        _f.Message(1, "bob", "#general", "spam");
        _f.Message(2, "bob", "alice", "more spam");
        _f.Raise(new FileEvent { FileId = "f1", From = "bob", To = "#general", Name = "x.bin", Size = 1, Sha256 = new string('0', 64), Ts = ChatFixture.Ts });
        _f.Message(3, "carol", "#general", "hello");

        Assert.Equal(["hello"], ChatFixture.Texts(general));
        Assert.DoesNotContain(_f.Chat.Conversations, c => c.Name == "@bob");
        Assert.Equal(["Bob"], _preferences.Ignored);
        _store.Received(1).Save(_preferences);
        Assert.Contains(general.Lines, l => l.Text.StartsWith("Bob is ignored", StringComparison.Ordinal) && l.Text.Contains("config.toml"));

        await _f.Chat.ExecuteAsync("/unignore bob");
        _f.Message(4, "bob", "#general", "sorry");
        Assert.Equal(["hello", "sorry"], ChatFixture.Texts(general));
        Assert.Empty(_preferences.Ignored);
    }

    [Fact]
    public async Task Ignore_WithoutAName_Lists_AndTwiceOrUnknownSaysSo()
    {
        _f.Joined("#general");
        await _f.Chat.ExecuteAsync("/ignore");
        Assert.Equal("you ignore nobody", LastNotice);
        await _f.Chat.ExecuteAsync("/ignore bob");
        await _f.Chat.ExecuteAsync("/ignore BOB");
        Assert.Equal("error: BOB is ignored already", LastNotice);
        await _f.Chat.ExecuteAsync("/unignore carol");
        Assert.Equal("error: carol is not ignored", LastNotice);
        await _f.Chat.ExecuteAsync("/ignore");
        Assert.Equal("ignored: bob", LastNotice);
    }

    [Fact]
    public async Task Ignore_SkipsTheUsersLinesInHistoryToo()
    {
        _preferences.Ignored = ["bob"];
        _f.Server.GetHistoryAsync(default!, default, default, default).ReturnsForAnyArgs(Task.FromResult<IReadOnlyList<ChatMessage>>(
            [ChatFixture.Msg(1, "bob", "#general", "old spam"), ChatFixture.Msg(2, "carol", "#general", "old news")]));
        ConversationViewModel general = _f.Joined("#general");

        await Eventually.True(() => general.HistoryLoaded, "the history page");

        Assert.Equal(["old news"], ChatFixture.Texts(general));
    }

    private static string LastNoticeBefore(ConversationViewModel conversation) =>
        conversation.Lines.Last(l => l.Kind == LineKind.System).Text;
}
