using NSubstitute;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Chat;

public sealed class ReadStateTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);
    private readonly InMemoryChatStore _store = new();
    private readonly ReadState _readState;
    private readonly ChatUser _alice = new("alice", "user", registered: true, Substitute.For<IClientLink>());
    private readonly MemberConversation _games = new("#games", ConversationKind.Room, "games~01");

    public ReadStateTests() => _readState = new ReadState(_store);

    public void Dispose() => _store.Dispose();

    private Task Say(long id, string from, string text, string conversation = "games~01", string to = "#games") =>
        _store.AppendMessageAsync(new StoredMessage(id, T0.AddSeconds(id), conversation, from, to, text));

    [Fact]
    public async Task Unread_CountsOthersLinesAfterThePosition_AndHighlightsTheNamedOnes()
    {
        await Say(1, "bob", "old news");
        await Say(2, "bob", "hi Alice");
        await Say(3, "alice", "hi bob, alice here"); // her own line never counts
        await Say(4, "carol", "malice in wonderland");
        await Say(5, "carol", "alice: games at 8?");
        await _readState.MarkReadAsync(_alice, "games~01", 1);

        ConversationActivity games = Assert.Single(_readState.Summarize(_alice, [_games]));

        Assert.Equal(new ConversationActivity("#games", ConversationKind.Room, ReadMsgId: 1, LastMsgId: 5, Unread: 3, Highlights: 2), games);
    }

    [Fact]
    public async Task EveryUnreadDirectLine_IsAHighlight_AndDirectConversationsAreListedAfterRooms()
    {
        string direct = Conversations.Direct("alice", "bob");
        await Say(1, "bob", "are you there?", direct, "alice");
        await Say(2, "bob", "ping", direct, "alice");
        await Say(3, "bob", "in the room");

        IReadOnlyList<ConversationActivity> all = _readState.Summarize(_alice, [_games]);

        Assert.Equal(
            [new ConversationActivity("#games", ConversationKind.Room, 0, 3, 1, 0), new ConversationActivity("bob", ConversationKind.Direct, 0, 2, 2, 2)],
            all);
    }

    [Fact]
    public async Task AConversationReadToTheEnd_HasItsLastIdAndNothingUnread()
    {
        await Say(1, "bob", "one");
        await Say(2, "bob", "two");
        Assert.Equal(2, await _readState.MarkReadAsync(_alice, "games~01", 2));
        Assert.Equal(2, await _readState.MarkReadAsync(_alice, "games~01", 1)); // never backwards

        Assert.Equal(new ConversationActivity("#games", ConversationKind.Room, 2, 2, 0, 0), Assert.Single(_readState.Summarize(_alice, [_games])));
        Assert.Equal(new ConversationActivity("#empty", ConversationKind.Room, 0, 0, 0, 0),
            Assert.Single(_readState.Summarize(_alice, [new MemberConversation("#empty", ConversationKind.Room, "empty~02")])));
    }

    [Fact]
    public async Task Counting_StopsAtTheCap()
    {
        for (long id = 1; id <= ReadState.MaxCounted + 5; id++)
        {
            await Say(id, "bob", "alice " + id);
        }

        ConversationActivity games = Assert.Single(_readState.Summarize(_alice, [_games]));

        Assert.Equal((ReadState.MaxCounted, ReadState.MaxCounted, (long)ReadState.MaxCounted + 5), (games.Unread, games.Highlights, games.LastMsgId));
    }

    [Fact]
    public async Task AGuestKeepsNoPosition()
    {
        var guest = new ChatUser("gina", "guest", registered: false, Substitute.For<IClientLink>());
        await Say(1, "bob", "hello");

        Assert.Equal(0, await _readState.MarkReadAsync(guest, "games~01", 1));
        Assert.Empty(_store.ReadPositions(guest.Identity));
    }
}
