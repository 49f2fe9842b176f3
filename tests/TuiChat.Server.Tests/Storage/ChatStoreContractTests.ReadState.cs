using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Storage;

/// <summary>The store's side of issue 13: read positions, direct-conversation lists, remembered rooms, last seen, file offers in history, search.</summary>
public abstract partial class ChatStoreContractTests
{
    private static StoredMessage Line(long id, string room, string text, string from = "alice") =>
        new(id, T0.AddSeconds(id), Conversations.Room(room), from, room, text);

    [Fact]
    public async Task After_ReturnsTheNewestLinesAboveAnId_FirstAfterTheOldest_BothOldestFirst()
    {
        for (long id = 1; id <= 10; id++)
        {
            await Store.AppendMessageAsync(RoomMessage(id));
        }
        await Store.AppendMessageAsync(RoomMessage(11, "#other"));

        string general = Conversations.Room("#general");
        Assert.Equal([7L, 8L, 9L, 10L], Store.After(general, afterMsgId: 6, limit: 50).Select(m => m.MsgId));
        Assert.Equal([9L, 10L], Store.After(general, afterMsgId: 6, limit: 2).Select(m => m.MsgId));
        Assert.Empty(Store.After(general, afterMsgId: 10, limit: 50));
        Assert.Equal(RoomMessage(10), Store.After(general, 0, 1)[0]);

        Assert.Equal([7L, 8L, 9L, 10L], Store.FirstAfter(general, afterMsgId: 6, limit: 50).Select(m => m.MsgId));
        Assert.Equal([7L, 8L], Store.FirstAfter(general, afterMsgId: 6, limit: 2).Select(m => m.MsgId));
        Assert.Empty(Store.FirstAfter(general, afterMsgId: 10, limit: 50));
        Assert.Empty(Store.FirstAfter(general, afterMsgId: 0, limit: 0));
        Assert.Equal(RoomMessage(1), Store.FirstAfter(general, 0, 1)[0]);
    }

    [Fact]
    public async Task ReadPositions_OnlyMoveForward_AndBelongToOneIdentity()
    {
        string games = Conversations.Room("#games");
        await Store.SetReadPositionAsync("alice", games, 40);
        await Store.SetReadPositionAsync("alice", games, 12);
        await Store.SetReadPositionAsync("alice", "@alice|bob", 7);
        await Store.SetReadPositionAsync("bob", games, 99);

        IReadOnlyDictionary<string, long> alice = Store.ReadPositions("alice");

        Assert.Equal(2, alice.Count);
        Assert.Equal(40, alice[games]);
        Assert.Equal(7, alice["@alice|bob"]);
        Assert.Equal(99, Store.ReadPositions("bob")[games]);
        Assert.Empty(Store.ReadPositions("carol"));
    }

    [Fact]
    public async Task DirectConversations_ListEachAccountsPeers_MostRecentFirst_WithoutGuests()
    {
        await Store.AppendMessageAsync(DirectMessage(1, "alice", "Bob"));
        await Store.AppendMessageAsync(DirectMessage(2, "carol", "alice"));
        await Store.AppendMessageAsync(DirectMessage(3, "bob", "alice"));
        await Store.AppendMessageAsync(RoomMessage(4));
        // A guest's side is its session identity: such a conversation ends with the session and is never listed.
        await Store.AppendMessageAsync(new StoredMessage(5, T0, Conversations.Direct("alice", Identities.NewGuest()), "alice", "dave", "hi"));

        IReadOnlyList<DirectRecord> alice = Store.DirectConversations("alice", limit: 10);

        Assert.Equal([new DirectRecord(Conversations.Direct("alice", "bob"), "bob", 3), new DirectRecord(Conversations.Direct("alice", "carol"), "carol", 2)], alice);
        Assert.Equal([new DirectRecord(Conversations.Direct("alice", "bob"), "alice", 3)], Store.DirectConversations("bob", 10));
        Assert.Single(Store.DirectConversations("alice", limit: 1));
        Assert.Empty(Store.DirectConversations("dave", 10));
    }

    [Fact]
    public async Task Rooms_RoundTripWithTopicOperatorAndMembers_ReplaceAndDelete()
    {
        await Store.SaveRoomAsync(new RoomRecord("#games", "", "alice", ["alice"], "games~01"));
        await Store.SaveRoomAsync(new RoomRecord("#general", "welcome", "", [], "general"));
        await Store.SaveRoomAsync(new RoomRecord("#Games", "tonight", "alice", ["alice", "bob"], "games~01"));

        List<RoomRecord> rooms = Store.LoadRooms().OrderBy(r => r.Room, StringComparer.Ordinal).ToList();

        Assert.Equal(2, rooms.Count);
        Assert.Equal(("#Games", "tonight", "alice", "games~01"), (rooms[0].Room, rooms[0].Topic, rooms[0].Operator, rooms[0].Conversation));
        Assert.Equal(["alice", "bob"], rooms[0].Members);
        Assert.Equal(("welcome", 0), (rooms[1].Topic, rooms[1].Members.Count));

        await Store.DeleteRoomAsync("#GAMES");
        Assert.Equal(["#general"], Store.LoadRooms().Select(r => r.Room));
    }

    [Fact]
    public async Task LastSeen_IsKeptPerAccount()
    {
        Assert.True(Store.TryAddAccount(new AccountRecord("Alice", "hash", "user", T0)));
        Assert.Null(Store.LastSeen("alice"));

        await Store.SetLastSeenAsync("ALICE", T0.AddHours(2));

        Assert.Equal(T0.AddHours(2), Store.LastSeen("alice"));
        Assert.Null(Store.LastSeen("bob"));
    }

    [Fact]
    public async Task AFileWithAMsgId_IsALineOfItsConversation_AndFindsItsFile()
    {
        FileRecord offer = File("f1", "alice", "bob") with { MsgId = 8 };
        await Store.AppendMessageAsync(DirectMessage(7, "alice", "bob"));
        await Store.AddFileAsync(offer);
        await Store.AddFileAsync(File("f0", "alice", "bob")); // stored before offers were lines: not in history

        IReadOnlyList<StoredMessage> history = Store.History(offer.Conversation, null, 10);

        Assert.Equal([7L, 8L], history.Select(m => m.MsgId));
        Assert.Equal(offer.ToHistoryLine(), history[1]);
        Assert.Equal("f1", history[1].FileId);
        Assert.Equal("sent a file: report.pdf (2100000 bytes)", history[1].Text);
        Assert.Equal(offer, Store.FindFile("f1"));
        Assert.Equal(8, Store.MaxMessageId());
        Assert.Equal([8L], Store.Search(["report"], [], "bob", null, 10).Select(m => m.MsgId));
    }

    [Fact]
    public async Task Search_FindsLinesWithEveryWord_OrWordsAStarredWordStarts_IgnoringCaseAndAccents_NewestFirst()
    {
        await Store.AppendMessageAsync(Line(1, "#games", "Who wants a game tonight?"));
        await Store.AppendMessageAsync(Line(2, "#games", "the café opens at nine"));
        await Store.AppendMessageAsync(Line(3, "#games", "GAMES night at the CAFE"));
        await Store.AppendMessageAsync(Line(4, "#games", "nothing to see"));
        string[] games = [Conversations.Room("#games")];

        Assert.Equal([3L, 1L], Store.Search(SearchWords.Parse("gam*"), games, "alice", null, 10).Select(m => m.MsgId));
        Assert.Equal([1L], Store.Search(SearchWords.Parse("game"), games, "alice", null, 10).Select(m => m.MsgId));
        Assert.Empty(Store.Search(SearchWords.Parse("gam"), games, "alice", null, 10));
        Assert.Equal([3L, 2L], Store.Search(SearchWords.Parse("Café"), games, "alice", null, 10).Select(m => m.MsgId));
        Assert.Equal([3L], Store.Search(SearchWords.Parse("night cafe"), games, "alice", null, 10).Select(m => m.MsgId));
        Assert.Empty(Store.Search(SearchWords.Parse("ames*"), games, "alice", null, 10));
        Assert.Equal([1L], Store.Search(SearchWords.Parse("tonig* WANT*"), games, "alice", null, 10).Select(m => m.MsgId));
        Assert.Equal([3L, 2L], Store.Search(SearchWords.Parse("cafe*"), games, "alice", null, 10).Select(m => m.MsgId));
        Assert.Equal([4L, 3L, 2L, 1L], Store.Search(SearchWords.Parse("T*"), games, "alice", null, 10).Select(m => m.MsgId));
        Assert.Equal(Line(2, "#games", "the café opens at nine"), Store.Search(SearchWords.Parse("opens"), games, "alice", null, 10)[0]);
    }

    [Fact]
    public async Task Search_PagesWithBefore_WithoutGapsOrRepeats()
    {
        for (long id = 1; id <= 7; id++)
        {
            await Store.AppendMessageAsync(Line(id, "#games", $"match {id}"));
        }
        string[] games = [Conversations.Room("#games")];
        IReadOnlyList<string> words = SearchWords.Parse("match");

        IReadOnlyList<StoredMessage> first = Store.Search(words, games, "alice", null, 3);
        IReadOnlyList<StoredMessage> second = Store.Search(words, games, "alice", first[^1].MsgId, 3);
        IReadOnlyList<StoredMessage> last = Store.Search(words, games, "alice", second[^1].MsgId, 3);

        Assert.Equal([7L, 6L, 5L, 4L, 3L, 2L, 1L], first.Concat(second).Concat(last).Select(m => m.MsgId));
    }

    [Fact]
    public async Task Search_ReadsOnlyTheListedConversations_AndTheCallersOwnDirectOnes()
    {
        await Store.AppendMessageAsync(Line(1, "#games", "secret plan"));
        await Store.AppendMessageAsync(new StoredMessage(2, T0, "+team~01", "bob", "+team", "secret plan"));
        await Store.AppendMessageAsync(new StoredMessage(3, T0, Conversations.Direct("alice", "bob"), "bob", "alice", "secret plan"));
        await Store.AppendMessageAsync(new StoredMessage(4, T0, Conversations.Direct("bob", "carol"), "bob", "carol", "secret plan"));
        await Store.AppendMessageAsync(new StoredMessage(5, T0, Conversations.Direct("alice", "zed"), "alice", "zed", "secret plan"));
        // A name that contains another identity's name is a different identity.
        await Store.AppendMessageAsync(new StoredMessage(6, T0, Conversations.Direct("alicex", "bob"), "bob", "alicex", "secret plan"));
        await Store.AppendMessageAsync(new StoredMessage(7, T0, Conversations.Direct("bob", "xalice"), "bob", "xalice", "secret plan"));
        IReadOnlyList<string> words = SearchWords.Parse("secret");

        Assert.Equal([5L, 3L, 1L], Store.Search(words, [Conversations.Room("#games")], "alice", null, 10).Select(m => m.MsgId));
        Assert.Equal([7L, 6L, 4L, 3L, 2L], Store.Search(words, ["+team~01"], "bob", null, 10).Select(m => m.MsgId));
        Assert.Empty(Store.Search(words, [], "carolx", null, 10));
    }

    [Fact]
    public void SearchWords_AreFoldedWords_StarsMarkPrefixes_AndOperatorsAreJustText()
    {
        Assert.Equal(["cafe", "gam*", "ola"], SearchWords.Parse("Café  GAM* -olá \"cafe\""));
        Assert.Empty(SearchWords.Parse(" *** ?! "));
        Assert.Equal(SearchWords.MaxWords, SearchWords.Parse("a b c d e f g h i j k").Count);
    }

    [Fact]
    public async Task Search_NeverFindsEncryptedLines()
    {
        await Store.AppendMessageAsync(new StoredMessage(1, T0, Conversations.Direct("alice", "bob"), "alice", "bob", "🔒e2e1:c2VjcmV0"));

        Assert.Empty(Store.Search(SearchWords.Parse("e2e1"), [], "alice", null, 10));
        Assert.Empty(Store.Search(SearchWords.Parse("c2VjcmV0"), [], "alice", null, 10));
    }
}
