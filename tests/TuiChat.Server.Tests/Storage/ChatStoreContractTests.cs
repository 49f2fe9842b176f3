using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Storage;

/// <summary>
/// What the server relies on from any <see cref="IChatStore"/>. Derive once per implementation
/// and return a fresh, empty store from <see cref="CreateStore"/>. The tests are skippable: a store
/// that needs a server which is not there (PostgreSQL) reports them skipped, with the reason.
/// </summary>
public abstract partial class ChatStoreContractTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 18, 0, 0, TimeSpan.Zero);

    private IChatStore? _store;

    protected IChatStore Store => _store ??= CreateStore();

    public virtual void Dispose()
    {
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected abstract IChatStore CreateStore();

    protected static StoredMessage RoomMessage(long id, string room = "#general", string from = "alice") =>
        new(id, T0.AddSeconds(id), Conversations.Room(room), from, room, $"line {id}");

    protected static StoredMessage DirectMessage(long id, string from, string to) =>
        new(id, T0.AddSeconds(id), Conversations.Direct(Identities.Account(from), Identities.Account(to)), from, to, $"dm {id}");

    protected static FileRecord File(string id, string from, string to) =>
        new(id, from, to, Conversations.Direct(Identities.Account(from), Identities.Account(to)), "report.pdf", 2_100_000, new string('a', 64), T0);

    [SkippableFact]
    public void MaxMessageId_IsZeroWhenEmpty()
    {
        Assert.Equal(0, Store.MaxMessageId());
    }

    [SkippableFact]
    public async Task MaxMessageId_IsTheHighestStoredId()
    {
        await Store.AppendMessageAsync(RoomMessage(7));
        await Store.AppendMessageAsync(RoomMessage(42, "#other"));
        await Store.AppendMessageAsync(RoomMessage(9));

        Assert.Equal(42, Store.MaxMessageId());
    }

    [SkippableFact]
    public async Task ANotice_StaysANotice_InHistoryAndInTheOfflineQueue()
    {
        await Store.AppendMessageAsync(RoomMessage(1));
        await Store.AppendMessageAsync(RoomMessage(2) with { Notice = true });
        await Store.AppendMessageAsync(DirectMessage(3, "alice", "bob") with { Notice = true }, offlineRecipient: "bob");

        Assert.Equal([false, true], Store.History(Conversations.Room("#general"), before: null, limit: 10).Select(m => m.Notice));
        Assert.Equal(DirectMessage(3, "alice", "bob") with { Notice = true }, Assert.Single(Store.PeekOfflineMessages("bob", 0, 10)).Message);
    }

    [SkippableFact]
    public async Task History_ReturnsTheLastLimitMessagesOldestFirst()
    {
        for (long id = 1; id <= 10; id++)
        {
            await Store.AppendMessageAsync(RoomMessage(id));
        }

        IReadOnlyList<StoredMessage> page = Store.History(Conversations.Room("#general"), before: null, limit: 3);

        Assert.Equal([8L, 9L, 10L], page.Select(m => m.MsgId));
        Assert.Equal(RoomMessage(10), page[^1]);
    }

    [SkippableFact]
    public async Task History_BeforeReturnsOnlyOlderMessages_SoPagesChainWithoutGapsOrRepeats()
    {
        for (long id = 1; id <= 10; id++)
        {
            await Store.AppendMessageAsync(RoomMessage(id));
        }

        string general = Conversations.Room("#general");
        IReadOnlyList<StoredMessage> newest = Store.History(general, before: null, limit: 4);
        IReadOnlyList<StoredMessage> older = Store.History(general, before: newest[0].MsgId, limit: 4);
        IReadOnlyList<StoredMessage> oldest = Store.History(general, before: older[0].MsgId, limit: 4);

        Assert.Equal([7L, 8L, 9L, 10L], newest.Select(m => m.MsgId));
        Assert.Equal([3L, 4L, 5L, 6L], older.Select(m => m.MsgId));
        Assert.Equal([1L, 2L], oldest.Select(m => m.MsgId));
        Assert.Empty(Store.History(general, before: 1, limit: 4));
    }

    [SkippableFact]
    public async Task History_KeepsConversationsApart_AndRoomKeysAreCaseInsensitive()
    {
        await Store.AppendMessageAsync(RoomMessage(1, "#General"));
        await Store.AppendMessageAsync(RoomMessage(2, "#games"));
        await Store.AppendMessageAsync(DirectMessage(3, "alice", "Bob"));
        await Store.AppendMessageAsync(DirectMessage(4, "bob", "Alice"));

        Assert.Equal([1L], Store.History(Conversations.Room("#GENERAL"), null, 50).Select(m => m.MsgId));
        Assert.Equal([2L], Store.History(Conversations.Room("#games"), null, 50).Select(m => m.MsgId));
        Assert.Equal([3L, 4L], Store.History(Conversations.Direct("alice", "bob"), null, 50).Select(m => m.MsgId));
        Assert.Empty(Store.History(Conversations.Room("#nobody"), null, 50));
    }

    [SkippableFact]
    public async Task History_PreservesEveryField_IncludingUnicodeAndNewlines()
    {
        var message = new StoredMessage(5, T0.AddTicks(1234567), Conversations.Room("#général"), "Zoë", "#Général", "héllo\n\twörld ✓ 😀");
        await Store.AppendMessageAsync(message);

        Assert.Equal([message], Store.History(Conversations.Room("#général"), null, 10));
    }

    [SkippableFact]
    public void FindAccount_IsCaseInsensitive_AndKeepsTheRegisteredSpelling()
    {
        var account = new AccountRecord("Alice", "pbkdf2-sha256$600000$c2FsdA==$aGFzaA==", "user", T0);
        Assert.True(Store.TryAddAccount(account));

        Assert.Equal(account, Store.FindAccount("alice"));
        Assert.Equal(account, Store.FindAccount("ALICE"));
        Assert.Null(Store.FindAccount("bob"));
    }

    [SkippableFact]
    public void TryAddAccount_IsFalseForATakenName_InAnyCase_AndKeepsTheFirst()
    {
        var first = new AccountRecord("alice", "hash-1", "user", T0);
        Assert.True(Store.TryAddAccount(first));

        Assert.False(Store.TryAddAccount(new AccountRecord("ALICE", "hash-2", "admin", T0)));
        Assert.Equal(first, Store.FindAccount("Alice"));
    }

    [SkippableTheory]
    [InlineData("groß", "GROSS")]
    [InlineData("alice", "\u0430lice")] // Cyrillic а
    [InlineData("alice", "\uff41\uff4c\uff49\uff43\uff45")] // fullwidth
    public void TryAddAccount_IsFalseForACaseFoldedOrLookAlikeName_AndFindsTheFirst(string taken, string twin)
    {
        var first = new AccountRecord(taken, "hash-1", "user", T0);
        Assert.True(Store.TryAddAccount(first));

        Assert.False(Store.TryAddAccount(new AccountRecord(twin, "hash-2", "user", T0)));
        Assert.Equal(first, Store.FindAccount(twin));
    }

    [SkippableFact]
    public async Task OfflineMessages_ArePagedOldestFirst_ForTheRecipientOnly_UntilForgotten()
    {
        await Store.AppendMessageAsync(DirectMessage(1, "alice", "bob"), offlineRecipient: "bob");
        await Store.AppendMessageAsync(DirectMessage(2, "carol", "bob"), offlineRecipient: "Bob");
        await Store.AppendMessageAsync(DirectMessage(3, "bob", "alice"), offlineRecipient: "alice");
        await Store.AppendMessageAsync(DirectMessage(4, "alice", "bob"));
        await Store.AppendMessageAsync(DirectMessage(5, "dave", "bob"), offlineRecipient: "bob");

        IReadOnlyList<QueuedMessage> first = Store.PeekOfflineMessages("BOB", afterSeq: 0, limit: 2);
        IReadOnlyList<QueuedMessage> rest = Store.PeekOfflineMessages("bob", first[^1].Seq, limit: 2);

        Assert.Equal([DirectMessage(1, "alice", "bob"), DirectMessage(2, "carol", "bob")], first.Select(q => q.Message));
        Assert.Equal([5L], rest.Select(q => q.Message.MsgId));
        Assert.True(first[0].Seq < first[1].Seq && first[1].Seq < rest[0].Seq);
        Assert.Equal(3, Store.PeekOfflineMessages("bob", 0, 10).Count); // peeking removes nothing

        await Store.ForgetOfflineAsync("Bob", throughMessageSeq: first[^1].Seq, throughFileSeq: 0);
        Assert.Equal([5L], Store.PeekOfflineMessages("bob", 0, 10).Select(q => q.Message.MsgId));
        Assert.Equal([3L], Store.PeekOfflineMessages("alice", 0, 10).Select(q => q.Message.MsgId));
        Assert.Equal([1L, 3L, 4L], Store.History(Conversations.Direct("alice", "bob"), null, 50).Select(m => m.MsgId));
    }

    [SkippableFact]
    public async Task Files_AreFoundById_AndOfflineFilesStayQueuedUntilForgotten()
    {
        FileRecord forBob = File("f1", "alice", "bob");
        FileRecord forCarol = File("f2", "alice", "carol");
        await Store.AddFileAsync(forBob, offlineRecipient: "Bob");
        await Store.AddFileAsync(forCarol);

        Assert.Equal(forCarol, Store.FindFile("f2"));
        Assert.Null(Store.FindFile("nope"));
        QueuedFile queued = Assert.Single(Store.PeekOfflineFiles("bob", 0, 10));
        Assert.Equal(forBob, queued.File);
        Assert.Empty(Store.PeekOfflineFiles("bob", queued.Seq, 10));
        Assert.Empty(Store.PeekOfflineFiles("carol", 0, 10));
        await Store.ForgetOfflineAsync("bob", throughMessageSeq: 0, throughFileSeq: queued.Seq);
        Assert.Empty(Store.PeekOfflineFiles("bob", 0, 10));
        Assert.Equal(forBob, Store.FindFile("f1"));
    }

    [SkippableFact]
    public async Task Groups_RoundTrip_MembersChangedOneByOne_AndDelete()
    {
        await Store.SaveGroupAsync(new GroupInfo("+team", "alice", "", "+team~01"));
        await Store.AddGroupMemberAsync("+team", "alice");
        await Store.AddGroupMemberAsync("+team", "bob");
        await Store.SaveGroupAsync(new GroupInfo("+ops", "carol", "on call", "+ops~02"));
        await Store.AddGroupMemberAsync("+ops", "carol");
        await Store.AddGroupMemberAsync("+TEAM", "Carol");
        await Store.AddGroupMemberAsync("+team", "CAROL"); // a member already (by key): nothing changes
        await Store.RemoveGroupMemberAsync("+team", "BOB");
        await Store.AddGroupMemberAsync("+team", "dave");
        await Store.SaveGroupAsync(new GroupInfo("+Team", "carol", "plans", "+team~01"));

        List<GroupRecord> groups = Store.LoadGroups().OrderBy(g => g.Room, StringComparer.Ordinal).ToList();

        Assert.Equal(2, groups.Count);
        Assert.Equal(("+Team", "carol", "plans", "+team~01"), (groups[0].Room, groups[0].Owner, groups[0].Topic, groups[0].Conversation));
        // Saving the group's row left its members alone; they keep the order they joined in.
        Assert.Equal(["alice", "Carol", "dave"], groups[0].Members);
        Assert.Equal(["carol"], groups[1].Members);

        await Store.DeleteGroupAsync("+TEAM");
        Assert.Equal(["+ops"], Store.LoadGroups().Select(g => g.Room));
    }

    [SkippableFact]
    public async Task Group_WithNoMembersLeft_StillLoads()
    {
        await Store.SaveGroupAsync(new GroupInfo("+empty", "alice", "", "+empty~04"));
        await Store.AddGroupMemberAsync("+empty", "alice");
        await Store.RemoveGroupMemberAsync("+empty", "alice");

        GroupRecord group = Assert.Single(Store.LoadGroups());
        Assert.Empty(group.Members);
    }
}
