using NSubstitute;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

/// <summary>A registered account's unread counts come from the server at login, and what the user saw goes back as <c>read</c>, debounced.</summary>
public sealed class ReadStateTests : IDisposable
{
    private readonly FixedTimeProvider _clock = FixedTimeProvider.NewUtc();
    private readonly ChatFixture _f;

    public ReadStateTests()
    {
        _f = new ChatFixture(configure: s => s with { Time = _clock });
        _f.Server.MarkReadAsync(default!, default, default).ReturnsForAnyArgs(ci =>
            Task.FromResult(new ReadOk { Re = "1", Room = ci.Arg<string>(), ReadMsgId = ci.Arg<long>() }));
    }

    public void Dispose() => _f.Dispose();

    private void Login(IReadOnlyList<ConversationInfo>? conversations) =>
        _f.Session.SessionStarted += Raise.Event<EventHandler<SessionStartedEventArgs>>(_f.Session, new SessionStartedEventArgs(
            new HelloOk { Re = "1", User = "alice", Role = Roles.User, Server = "fake", Conversations = conversations }, false));

    private static ConversationInfo Info(string room, long read, long last, int unread, int highlights) =>
        new() { Room = room, Kind = room.StartsWith('#') ? "room" : "direct", ReadMsgId = read, LastMsgId = last, Unread = unread, Highlights = highlights };

    [Fact]
    public void Login_UnreadCountsComeFromTheServersNumbers()
    {
        _f.Joined("#general");
        Login([Info("#games", 120, 131, 5, 1), Info("bob", 40, 44, 2, 2)]);

        ConversationViewModel games = _f.Conversation("#games");
        Assert.Equal((5, 1), (games.Unread, games.Highlights));
        Assert.Equal("(5)!", games.Marks);
        Assert.Equal((2, 2), (_f.Conversation("@bob").Unread, _f.Conversation("@bob").Highlights));

        // A line the server already counted (an offline delivery after the login reply) is not counted twice; a newer one is.
        _f.Message(131, "carol", "#games", "already counted");
        Assert.Equal(5, games.Unread);
        _f.Message(132, "carol", "#games", "new");
        Assert.Equal(6, games.Unread);
    }

    [Fact]
    public void ConnectionLost_ItsNoticeSendsNoRead_AndWhatWasSeenGoesAfterTheReconnect()
    {
        Login([Info("#games", 0, 0, 0, 0)]);
        ConversationViewModel games = _f.Conversation("#games");
        _f.Chat.Select(games);
        _f.Message(10, "bob", "#games", "one");
        _clock.Advance(ReadState.Interval);
        _f.Message(11, "bob", "#games", "two");
        _clock.Advance(TimeSpan.FromSeconds(1));
        _f.Message(12, "bob", "#games", "three");

        // The "connection lost" line lands at the bottom of the log on screen: it asked for a read
        // that could not go, and whose failure printed "error: not connected (reconnecting)". The
        // line seen within the interval does not go at its end either.
        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Reconnecting, TimeSpan.FromSeconds(1), "connection lost (reset)"));
        _clock.Advance(ReadState.Interval);
        _f.Server.DidNotReceive().MarkReadAsync("#games", 12, Arg.Any<CancellationToken>());

        _f.RaiseStatus(new ConnectionStatus(ConnectionState.Connected));
        _f.Session.SessionStarted += Raise.Event<EventHandler<SessionStartedEventArgs>>(_f.Session, new SessionStartedEventArgs(
            new HelloOk { Re = "2", User = "alice", Role = Roles.User, Server = "fake", Conversations = [Info("#games", 11, 12, 1, 0)] }, true));

        _f.Server.Received(1).MarkReadAsync("#games", 12, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void Guest_SendsNoRead()
    {
        Login(null);
        ConversationViewModel general = _f.Joined("#general");
        _f.Chat.Select(general);
        _f.Message(5, "bob", "#general", "hi");
        _f.Server.DidNotReceiveWithAnyArgs().MarkReadAsync(default!, default, default);
    }

    [Fact]
    public void Viewing_SendsReadOnSelectThenAtMostOncePerInterval()
    {
        Login([Info("#games", 0, 0, 0, 0)]);
        ConversationViewModel games = _f.Conversation("#games");
        _f.Message(10, "bob", "#games", "one");
        _f.Chat.Select(games);
        _f.Server.Received(1).MarkReadAsync("#games", 10, Arg.Any<CancellationToken>());

        _clock.Advance(TimeSpan.FromSeconds(1));
        _f.Message(11, "bob", "#games", "two");
        _f.Message(12, "bob", "#games", "three");
        _f.Server.ReceivedWithAnyArgs(1).MarkReadAsync(default!, default, default);

        // The newest of them goes when the interval ends.
        _clock.Advance(ReadState.Interval);
        _f.Server.Received(1).MarkReadAsync("#games", 12, Arg.Any<CancellationToken>());
        _f.Message(13, "bob", "#games", "four");
        _f.Server.ReceivedWithAnyArgs(2).MarkReadAsync(default!, default, default);

        // Or sooner, when the user looks elsewhere.
        _clock.Advance(TimeSpan.FromSeconds(1));
        _f.Message(14, "bob", "#games", "five");
        _f.Chat.Select(_f.Joined("#general"));
        _f.Server.Received(1).MarkReadAsync("#games", 14, Arg.Any<CancellationToken>());
        _f.Server.ReceivedWithAnyArgs(3).MarkReadAsync(default!, default, default);

        // Sent already: the end of the interval sends nothing more.
        _clock.Advance(ReadState.Interval);
        _f.Server.ReceivedWithAnyArgs(3).MarkReadAsync(default!, default, default);
    }

    [Fact]
    public void LinesSeenWithinTheInterval_GoWhenItEnds_WithoutWaitingForAnotherLine()
    {
        // The same account on a phone learns at once what was read here; a line seen and never
        // followed by another, in a conversation left open, was never sent before.
        Login([Info("#games", 0, 0, 0, 0)]);
        ConversationViewModel games = _f.Conversation("#games");
        _f.Message(10, "bob", "#games", "one");
        _f.Chat.Select(games);
        _clock.Advance(TimeSpan.FromSeconds(1));
        _f.Message(11, "bob", "#games", "two");
        _f.Message(12, "bob", "#games", "three");
        _f.Server.ReceivedWithAnyArgs(1).MarkReadAsync(default!, default, default);

        _clock.Advance(TimeSpan.FromSeconds(2));

        _f.Server.Received(1).MarkReadAsync("#games", 12, Arg.Any<CancellationToken>());
        _f.Server.ReceivedWithAnyArgs(2).MarkReadAsync(default!, default, default);
    }

    [Fact]
    public void ScrolledUp_SendsNoReadForNewLines()
    {
        Login([Info("#games", 0, 0, 0, 0)]);
        ConversationViewModel games = _f.Conversation("#games");
        _f.Chat.Select(games);
        games.StickToBottom = false;
        _clock.Advance(ReadState.Interval);
        _f.Message(20, "bob", "#games", "unseen");
        _f.Server.DidNotReceiveWithAnyArgs().MarkReadAsync(default!, default, default);
    }

    [Fact]
    public void Reconnect_ServersCountsReplaceTheClients_AndCaughtUpLinesAreNotCountedTwice()
    {
        ConversationViewModel general = _f.Joined("#general");
        _f.Chat.Select(general);
        Login([Info("#games", 10, 10, 0, 0)]);
        ConversationViewModel games = _f.Conversation("#games");
        _f.Message(11, "bob", "#games", "one");
        _f.Message(12, "bob", "#games", "alice: two");
        Assert.Equal((2, 1), (games.Unread, games.Highlights));

        // While this client was away another one read #games up to 12; 13 and 14 came after.
        _f.Session.SessionStarted += Raise.Event<EventHandler<SessionStartedEventArgs>>(_f.Session, new SessionStartedEventArgs(
            new HelloOk { Re = "1", User = "alice", Role = Roles.User, Server = "fake", Conversations = [Info("#games", 12, 14, 2, 0)] }, true));
        Assert.Equal((2, 0), (games.Unread, games.Highlights));

        // The lines the server counted come late (a catch-up page, live): not counted again.
        _f.Message(13, "bob", "#games", "three");
        _f.Message(14, "bob", "#games", "four");
        Assert.Equal((2, 0), (games.Unread, games.Highlights));
    }

    [Fact]
    public void ReadElsewhere_DropsTheMarksOnThisDevice_AndIsNotSentBack()
    {
        _f.Joined("#general");
        Login([Info("#games", 0, 0, 0, 0), Info("bob", 0, 0, 0, 0)]);
        ConversationViewModel games = _f.Conversation("#games");
        _f.Message(10, "bob", "#games", "olá alice, 1");
        _f.Message(11, "bob", "#games", "2 🎲");
        _f.Message(12, "bob", "#games", "3");
        _f.Message(13, "bob", "alice", "direct 🙂");
        Assert.Equal((3, 1), (games.Unread, games.Highlights));
        ConversationViewModel bob = _f.Conversation("@bob");
        Assert.Equal((1, 1), (bob.Unread, bob.Highlights));
        Assert.EndsWith(" · 2!", _f.Chat.Attention.WindowTitle, StringComparison.Ordinal);

        // The phone read #games up to 11: only line 12 is unread here now; the name "alice" was in line 10.
        _f.Raise(new ReadEvent { Room = "#games", MsgId = 11 });
        Assert.Equal((1, 0), (games.Unread, games.Highlights));
        Assert.Equal(11, games.ReadMarker); // the "── new ──" line moves above line 12
        _f.Raise(new ReadEvent { Room = "bob", MsgId = 13 });
        Assert.Equal((0, 0), (bob.Unread, bob.Highlights));
        Assert.Equal("", bob.Marks);
        Assert.DoesNotContain("!", _f.Chat.Attention.WindowTitle, StringComparison.Ordinal);

        // Seeing the conversation here later sends only what the phone did not already say.
        _f.Chat.Select(bob);
        _f.Server.DidNotReceive().MarkReadAsync("bob", Arg.Any<long>(), Arg.Any<CancellationToken>());
        _f.Chat.Select(games);
        _f.Server.Received(1).MarkReadAsync("#games", 12, Arg.Any<CancellationToken>());
    }

    [Fact]
    public void ReadElsewhere_BelowWhatTheServerCounted_KeepsTheServersCounts()
    {
        Login([Info("#games", 100, 110, 10, 2)]);
        ConversationViewModel games = _f.Conversation("#games");

        // Lines 101..110 were counted by the server and are not in this client's log: it cannot tell which remain.
        _f.Raise(new ReadEvent { Room = "#games", MsgId = 105 });
        Assert.Equal((10, 2), (games.Unread, games.Highlights));

        _f.Raise(new ReadEvent { Room = "#games", MsgId = 110 });
        Assert.Equal((0, 0), (games.Unread, games.Highlights));
    }
}
