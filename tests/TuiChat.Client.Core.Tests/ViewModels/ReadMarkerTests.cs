using NSubstitute;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Tests.Support;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Tests.ViewModels;

/// <summary>
/// The read marker "── new ──": above the first message after where the user stopped reading (the
/// server's read position at login, or where the user was when they left); it stays while the user
/// reads, and moves when they leave having read to the bottom.
/// </summary>
public sealed class ReadMarkerTests : IDisposable
{
    private readonly ChatFixture _f = new();

    public ReadMarkerTests()
    {
        _f.Server.MarkReadAsync(default!, default, default).ReturnsForAnyArgs(ci =>
            Task.FromResult(new ReadOk { Re = "1", Room = ci.Arg<string>(), ReadMsgId = ci.Arg<long>() }));
    }

    public void Dispose() => _f.Dispose();

    private void Login(IReadOnlyList<ConversationInfo>? conversations, bool reconnect = false) =>
        _f.Session.SessionStarted += Raise.Event<EventHandler<SessionStartedEventArgs>>(_f.Session, new SessionStartedEventArgs(
            new HelloOk { Re = "1", User = "alice", Role = Roles.User, Server = "fake", Conversations = conversations }, reconnect));

    private static ConversationInfo Info(string room, long read, long last, int unread) =>
        new() { Room = room, Kind = "room", ReadMsgId = read, LastMsgId = last, Unread = unread, Highlights = 0 };

    private void History(string room, params long[] ids) =>
        _f.Server.GetHistoryAsync(room, null, Arg.Any<int?>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromResult<IReadOnlyList<ChatMessage>>(ids.Select(id => ChatFixture.Msg(id, "bob", room, "m" + id)).ToArray()));

    /// <summary>The text of the line the marker stands above, or null when it shows nowhere.</summary>
    private static string? MarkedLine(ConversationViewModel conversation)
    {
        int at = conversation.ReadMarkerIndex;
        string?[] marked = Enumerable.Range(0, conversation.Lines.Count)
            .Where(i => conversation.RulesAbove(i).Contains(LogRule.NewMessages))
            .Select(i => conversation.Lines[i].Text).ToArray();
        // The rules and the index agree: the marker is drawn above one line at most.
        Assert.Equal(at < 0 ? [] : [conversation.Lines[at].Text], marked);
        return at < 0 ? null : conversation.Lines[at].Text;
    }

    [Fact]
    public void Login_ServersReadPosition_PutsTheMarkerAboveTheFirstUnreadMessage()
    {
        _f.Joined("#general");
        History("#games", 10, 11, 12, 13, 14);
        Login([Info("#games", 12, 14, 2)]);

        _f.Chat.Select(_f.Conversation("#games"));

        Assert.Equal("m13", MarkedLine(_f.Conversation("#games")));
    }

    [Fact]
    public void Marker_StaysWhileTheUserReads_ThenMovesBelowWhatWasReadWhenTheyLeave()
    {
        ConversationViewModel general = _f.Joined("#general");
        History("#games", 10, 11, 12, 13);
        Login([Info("#games", 11, 13, 2)]);
        ConversationViewModel games = _f.Conversation("#games");
        _f.Chat.Select(games);
        Assert.Equal("m12", MarkedLine(games));

        // New lines while the user reads at the bottom: the marker stays where it was.
        _f.Message(14, "bob", "#games", "m14");
        Assert.Equal("m12", MarkedLine(games));

        // Leaving having read it all: nothing is new until more arrives.
        _f.Chat.Select(general);
        Assert.Null(MarkedLine(games));
        _f.Message(15, "carol", "#games", "m15");
        _f.Message(16, "carol", "#games", "m16");

        _f.Chat.Select(games);
        Assert.Equal("m15", MarkedLine(games));
    }

    [Fact]
    public void LinesArrivingWhileTheUserWatches_AreNotMarkedNew()
    {
        _f.Joined("#general");
        History("#games", 10, 11);
        Login([Info("#games", 11, 11, 0)]);
        ConversationViewModel games = _f.Conversation("#games");
        _f.Chat.Select(games);
        Assert.Null(MarkedLine(games));

        _f.Message(12, "bob", "#games", "m12");
        _f.Message(13, "bob", "#games", "m13");

        Assert.Null(MarkedLine(games));
        Assert.Equal(13, games.ReadMarker);
    }

    [Fact]
    public void Guest_MarkerComesFromWhereTheUserLeft()
    {
        Login(null);
        ConversationViewModel general = _f.Joined("#general");
        ConversationViewModel games = _f.Joined("#games");
        _f.Chat.Select(games);
        _f.Message(5, "bob", "#games", "seen");
        Assert.Null(MarkedLine(games));

        _f.Chat.Select(general);
        _f.Message(6, "bob", "#games", "unseen one");
        _f.Message(7, "bob", "#games", "unseen two");
        _f.Chat.Select(games);

        Assert.Equal("unseen one", MarkedLine(games));
    }

    [Fact]
    public void LeavingWhileScrolledUp_KeepsTheMarker_TheUserHasNotReadPastIt()
    {
        ConversationViewModel general = _f.Joined("#general");
        History("#games", 10, 11, 12);
        Login([Info("#games", 10, 12, 2)]);
        ConversationViewModel games = _f.Conversation("#games");
        _f.Chat.Select(games);
        games.StickToBottom = false;

        _f.Chat.Select(general);
        _f.Chat.Select(games);

        Assert.Equal("m11", MarkedLine(games));
    }

    [Fact]
    public void Reconnect_MovesMarkersOfOtherConversations_NotTheOneOnScreen()
    {
        History("#general", 20, 21, 22);
        ConversationViewModel general = _f.Joined("#general");
        Login([Info("#general", 21, 22, 1), Info("#games", 5, 9, 4)]);
        _f.Chat.Select(general);
        Assert.Equal("m22", MarkedLine(general));

        // Another client read both meanwhile.
        Login([Info("#general", 22, 22, 0), Info("#games", 9, 9, 0)], reconnect: true);

        Assert.Equal("m22", MarkedLine(general));
        Assert.Equal(9, _f.Conversation("#games").ReadMarker);
    }

    [Fact]
    public async Task OwnReply_IsNotNew_TheMarkerNeverStaysAboveIt()
    {
        History("#general", 10);
        ConversationViewModel general = _f.Joined("#general");
        Login([Info("#general", 10, 10, 0)]);
        _f.Chat.Select(general);

        _f.Message(11, "bob", "#general", "oi alice");
        // Sent here and confirmed by the server's ok (msgId 1001 from the fixture).
        await _f.Chat.ExecuteAsync("oi bob");
        Assert.Equal(1001, general.NewestMsgId);
        Assert.Null(MarkedLine(general));

        _f.Message(1002, "bob", "#general", "tudo bem?");
        _f.Message(1003, "bob", "#general", "e aí?");
        Assert.Null(MarkedLine(general));
        Assert.Equal(1003, general.ReadMarker);
    }

    [Fact]
    public void OwnLinesFromAnotherClient_AreNotNew_TheMarkerStandsAboveTheFirstLineOfSomeoneElse()
    {
        _f.Joined("#general");
        History("#games", 10);
        Login([Info("#games", 10, 10, 0)]);

        _f.Message(11, "alice", "#games", "from my phone");
        _f.Message(12, "bob", "#games", "answer");
        _f.Chat.Select(_f.Conversation("#games"));

        Assert.Equal("answer", MarkedLine(_f.Conversation("#games")));
    }

    [Fact]
    public void AConversationNewToThisClient_MarksItsFirstUnseenMessageNew_AsOneTheServerKnows()
    {
        _f.Joined("#general");
        Login([]);
        // A group bob made just now, and a direct message kept while alice was away from someone whose conversation the server does not list.
        _f.Raise(new InvitedEvent { Room = "+team", By = "bob" });
        _f.Joined("+team");
        _f.Message(20, "bob", "+team", "primeira do grupo");
        _f.Message(21, "dave", "alice", "while you were out", offline: true);
        History("+team", 19, 20);

        ConversationViewModel team = _f.Conversation("+team");
        _f.Chat.Select(team);
        Assert.Equal("primeira do grupo", MarkedLine(team));

        ConversationViewModel dave = _f.Conversation("@dave");
        _f.Chat.Select(dave);
        Assert.Equal("while you were out", MarkedLine(dave));
    }
}
