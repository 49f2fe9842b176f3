using NSubstitute;
using NSubstitute.ExceptionExtensions;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

public sealed class HistoryAndReconnectTests : IDisposable
{
    private readonly ChatFixture _f = new();
    private readonly IChatRequests _c;

    public HistoryAndReconnectTests() => _c = _f.Server;

    public void Dispose() => _f.Dispose();

    private void History(string target, long? before, params ChatMessage[] page) =>
        _c.GetHistoryAsync(target, before, 50, Arg.Any<CancellationToken>())
            .Returns(Task.FromResult<IReadOnlyList<ChatMessage>>(page));

    private static ChatMessage[] Range(long from, long to) =>
        Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => ChatFixture.Msg(i, "bob", "#general", "m" + i)).ToArray();

    [Fact]
    public void BackgroundWorkCutShortByQuitting_IsNoErrorLine_ButOtherFailuresStillAre()
    {
        _f.Joined("#general");
        _c.GetHistoryAsync(default!, default, default, default).ThrowsAsyncForAnyArgs(
            new ChatRequestException(ChatRequestException.Disconnected, "not connected"));
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Disconnected, Reason: "quit"));

        _f.Raise(new JoinedEvent { Room = "#jogos", User = "alice" });
        _f.Chat.Select(_f.Conversation("#jogos"));
        Assert.DoesNotContain(_f.Added, e => e.Line.Text.StartsWith("error:", StringComparison.Ordinal));

        // A failure that is news (not the ended session) still says so.
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Connected));
        _c.GetHistoryAsync(default!, default, default, default).ThrowsAsyncForAnyArgs(
            new ChatRequestException(ErrorCodes.Internal, "the store failed"));
        _f.Raise(new JoinedEvent { Room = "#livros", User = "alice" });
        _f.Chat.Select(_f.Conversation("#livros"));
        Assert.Contains(_f.Added, e => e.Line.Text == "error: the store failed (internal)");
    }

    [Fact]
    public void HistoryArrivingAfterTheJoinNotice_IsShownAboveIt()
    {
        History("#general", null, Range(1, 2));
        ConversationViewModel general = _f.Joined("#general");

        string[] lines = general.Lines.Select(l => l.Body).ToArray();
        Assert.Equal(["bob: m1", "bob: m2", "* you joined #general"], lines);
    }

    [Fact]
    public void OpeningAConversation_ShowsItsLast50Messages()
    {
        History("#general", null, Range(1, 3));
        ConversationViewModel general = _f.Joined("#general");

        _c.Received().GetHistoryAsync("#general", null, 50, Arg.Any<CancellationToken>());
        Assert.Equal(["m1", "m2", "m3"], ChatFixture.Texts(general));
        Assert.True(general.HistoryLoaded);
        Assert.False(general.HasOlderHistory);
        Assert.Equal(0, general.Unread);
    }

    [Fact]
    public async Task LoadOlder_AsksForMessagesBeforeTheOldestAndPutsThemOnTop()
    {
        History("#general", null, Range(51, 100));
        History("#general", 51, Range(1, 50));
        ConversationViewModel general = _f.Joined("#general");
        Assert.True(general.HasOlderHistory);

        await _f.Chat.LoadOlderAsync();

        Assert.Equal(Range(1, 100).Select(m => m.Text), ChatFixture.Texts(general));
        Assert.True(general.HasOlderHistory);
    }

    [Fact]
    public async Task LiveMessagesAndHistory_AreNeverDoubled()
    {
        History("#general", null, Range(51, 100));
        ConversationViewModel general = _f.Joined("#general");
        _f.Message(100, "bob", "#general", "m100");
        _f.Message(101, "bob", "#general", "m101");
        _f.Message(101, "bob", "#general", "m101");
        History("#general", 51, Range(2, 51));

        await _f.Chat.LoadOlderAsync();

        Assert.Equal(Range(2, 101).Select(m => m.Text), ChatFixture.Texts(general));
    }

    [Fact]
    public void AfterReconnect_MissedMessagesAreFetchedOnceAndCountUnread()
    {
        History("#general", null, Range(1, 3));
        ConversationViewModel general = _f.Joined("#general");
        _f.Chat.Select(_f.Joined("#other"));

        // While away, 4..5 were sent; 3 is already shown and must not repeat.
        History("#general", null, Range(3, 5));
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(2), "reset"));
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Connected));
        _f.RaiseSession(isReconnect: true);

        Assert.Equal(["m1", "m2", "m3", "m4", "m5"], ChatFixture.Texts(general));
        Assert.Equal(2, general.Unread);
    }

    [Fact]
    public async Task AConversationOpenedWhileReconnecting_AsksNothing_AndTheReconnectLoadsIt()
    {
        _f.Joined("#general");
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(2), "server shutting down"));
        _c.ClearReceivedCalls();
        int shown = _f.Added.Count;

        // The menu client's "/msg bob …" while the server restarts: one notice, that the line was not sent.
        await _f.Chat.ExecuteAsync("/msg bob olá");

        await _c.DidNotReceiveWithAnyArgs().GetHistoryAsync(default!, default, default, default);
        Assert.Equal(["not sent, still disconnected: olá"], _f.Added.Skip(shown).Where(e => e.Line.Kind == LineKind.System).Select(e => e.Line.Text));

        _c.GetHistoryAsync("bob", null, 50, Arg.Any<CancellationToken>())
            .Returns(Task.FromResult<IReadOnlyList<ChatMessage>>([ChatFixture.Msg(7, "bob", "alice", "oi alice")]));
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Connected));
        _f.RaiseSession(isReconnect: true);

        Assert.Equal(["oi alice"], ChatFixture.Texts(_f.Conversation("@bob")));
    }

    [Fact]
    public void AfterReconnect_ARoomTheUserLeft_IsNotCaughtUp_ItsHistoryIsForMembers()
    {
        History("#general", null, Range(1, 3));
        ConversationViewModel general = _f.Joined("#general");
        _f.Chat.Select(_f.Joined("#other"));
        _f.Raise(new LeftEvent { Room = "#general", User = "alice", Reason = "leave" });
        _c.ClearReceivedCalls();

        _f.RaiseSession(isReconnect: true);

        _c.DidNotReceive().GetHistoryAsync("#general", Arg.Any<long?>(), Arg.Any<int>(), Arg.Any<CancellationToken>());
        Assert.Equal(["m1", "m2", "m3"], ChatFixture.Texts(general));
        Assert.DoesNotContain(_f.Added, e => e.Line.Text.StartsWith("error:", StringComparison.Ordinal));
    }

    [Fact]
    public void AfterReconnect_ALongOutagePagesBackUntilItReachesWhatIsShown()
    {
        History("#general", null, Range(1, 2));
        ConversationViewModel general = _f.Joined("#general");

        History("#general", null, Range(53, 102));
        History("#general", 53, Range(3, 52));
        _f.RaiseSession(isReconnect: true);

        Assert.Equal(Range(1, 102).Select(m => m.Text), ChatFixture.Texts(general));
    }

    [Fact]
    public void StatusLine_FollowsTheConnectionState()
    {
        _f.Joined("#general");
        Assert.Equal("alice @ 127.0.0.1:5000 · connected", _f.Chat.StatusText);

        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(3), "connection lost (reset)"));
        Assert.Equal("alice @ 127.0.0.1:5000 · reconnecting in 3s", _f.Chat.StatusText);
        Assert.Equal("connection lost (reset); reconnecting…", _f.Chat.Selected!.Lines.Last().Text);

        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Connected));
        _f.RaiseSession(isReconnect: true);
        Assert.EndsWith("· connected", _f.Chat.StatusText, StringComparison.Ordinal);
        Assert.Equal("reconnected", _f.Chat.Selected.Lines.Last().Text);
    }

    [Fact]
    public void ServerShuttingDown_IsOneNoticeSayingWhy_AndTheClientReconnects()
    {
        ConversationViewModel general = _f.Joined("#general");
        int before = general.Lines.Count;

        _f.Raise(new ShutdownEvent { By = "server", Reason = "received SIGTERM" });
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(1), "server shutting down (received SIGTERM)"));

        Assert.Equal("alice @ 127.0.0.1:5000 · reconnecting in 1s", _f.Chat.StatusText);
        Assert.Equal(["server shutting down (received SIGTERM); reconnecting…"], general.Lines.Skip(before).Select(l => l.Text));
    }

    [Fact]
    public void ConversationLog_KeepsMessagesInMsgIdOrderAroundNotices()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Message(10, "bob", "#general", "m10");
        _f.RaiseSession(isReconnect: true);
        _f.Message(12, "bob", "#general", "m12");
        _f.Message(11, "bob", "#general", "m11");

        Assert.Equal(["m10", "m11", "m12"], ChatFixture.Texts(general));
        Assert.Equal("reconnected", general.Lines[^2].Text);
    }
}
