using System.Text;
using Microsoft.Data.Sqlite;
using TuiChat.Server.Storage;
using TuiChat.Server.Tests.Support;

namespace TuiChat.Server.Tests.Storage;

/// <summary>The contract, plus what only a database gives: surviving a restart.</summary>
public sealed class SqliteChatStoreTests : ChatStoreContractTests
{
    private readonly TempDataFolder _data = new();

    public override void Dispose()
    {
        base.Dispose();
        _data.Dispose();
    }

    protected override IChatStore CreateStore() => SqliteChatStore.Open(_data.Path);

    [Fact]
    public async Task Restart_KeepsEverything_AndMaxMessageId()
    {
        var account = new AccountRecord("Alice", "hash", "user", DateTimeOffset.UnixEpoch);
        using (IChatStore store = CreateStore())
        {
            Assert.True(store.TryAddAccount(account));
            for (long id = 1; id <= 5; id++)
            {
                await store.AppendMessageAsync(RoomMessage(id));
            }

            await store.AppendMessageAsync(DirectMessage(6, "bob", "alice"), offlineRecipient: "alice");
            await store.AddFileAsync(File("f1", "bob", "alice"), offlineRecipient: "alice");
            await store.SaveGroupAsync(new GroupInfo("+team", "alice", "t", "+team~05"));
            await store.AddGroupMemberAsync("+team", "alice");
            await store.AddGroupMemberAsync("+team", "bob");
        }

        using (IChatStore store = CreateStore())
        {
            Assert.Equal(6, store.MaxMessageId());
            Assert.Equal(account, store.FindAccount("alice"));
            Assert.Equal([1L, 2L, 3L, 4L, 5L], store.History(Conversations.Room("#general"), null, 50).Select(m => m.MsgId));
            IReadOnlyList<QueuedMessage> messages = store.PeekOfflineMessages("alice", 0, 10);
            IReadOnlyList<QueuedFile> files = store.PeekOfflineFiles("alice", 0, 10);
            Assert.Equal([6L], messages.Select(m => m.Message.MsgId));
            Assert.Equal(["f1"], files.Select(f => f.File.FileId));
            await store.ForgetOfflineAsync("alice", messages[^1].Seq, files[^1].Seq);
            Assert.Equal(["alice", "bob"], Assert.Single(store.LoadGroups()).Members);
        }

        using (IChatStore store = CreateStore())
        {
            Assert.Empty(store.PeekOfflineMessages("alice", 0, 10));
            Assert.Empty(store.PeekOfflineFiles("alice", 0, 10));
        }
    }

    [Fact]
    public async Task Dispose_CommitsWritesStillQueued()
    {
        var pending = new List<Task>();
        using (IChatStore store = CreateStore())
        {
            for (long id = 1; id <= 500; id++)
            {
                pending.Add(store.AppendMessageAsync(RoomMessage(id)));
            }
        }

        await Task.WhenAll(pending);
        using IChatStore reopened = CreateStore();
        Assert.Equal(500, reopened.History(Conversations.Room("#general"), null, 500).Count);
    }

    [Fact]
    public async Task Dispose_CheckpointsTheLog_LeavingOneSelfContainedFile()
    {
        using (IChatStore store = CreateStore())
        {
            await store.AppendMessageAsync(RoomMessage(1));
            Assert.Single(store.History(Conversations.Room("#general"), null, 10));
        }

        Assert.Equal([SqliteChatStore.FileName], Directory.GetFiles(_data.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Writes_AfterDispose_FailWithObjectDisposed()
    {
        IChatStore store = CreateStore();
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.AppendMessageAsync(RoomMessage(1)));
        Assert.Throws<ObjectDisposedException>(() => store.History("#general", null, 10));
    }

    [Fact]
    public async Task DuplicateMessageId_FailsOnlyThatWrite_NotTheRestOfItsBatch()
    {
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path);
        await store.AppendMessageAsync(RoomMessage(1));

        // Queue a batch that contains one bad write; the writer must retry the others alone.
        using var hold = new ManualResetEventSlim();
        Task blocker = store.Writer.Enqueue(_ => hold.Wait(TimeSpan.FromSeconds(30)));
        Task good1 = store.AppendMessageAsync(RoomMessage(2));
        Task duplicate = store.AppendMessageAsync(RoomMessage(1));
        Task good2 = store.AppendMessageAsync(RoomMessage(3));
        hold.Set();

        await Task.WhenAll(blocker, good1, good2);
        await Assert.ThrowsAnyAsync<Exception>(() => duplicate);
        Assert.Equal([1L, 2L, 3L], store.History(Conversations.Room("#general"), null, 50).Select(m => m.MsgId));
    }

    [Fact]
    public async Task DatabaseFile_HoldsTheGivenHash_NeverAPlaintextPassword()
    {
        const string password = "correct horse battery staple";
        const string hash = "pbkdf2-sha256$600000$3q2+7w==$q83vEjRWeJA=";
        using (IChatStore store = CreateStore())
        {
            Assert.True(store.TryAddAccount(new AccountRecord("alice", hash, "user", DateTimeOffset.UnixEpoch)));
            await store.AppendMessageAsync(RoomMessage(1));
        }

        byte[] everything = Directory.GetFiles(_data.Path).SelectMany(System.IO.File.ReadAllBytes).ToArray();
        string text = Encoding.UTF8.GetString(everything);
        Assert.Contains(hash, text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
    }

    [Fact]
    public void DatabaseFile_IsPrivateToTheServersUser()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes only; Windows inherits the folder's ACL.
        }

        using SqliteChatStore store = SqliteChatStore.Open(_data.Path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, System.IO.File.GetUnixFileMode(store.DatabasePath));
    }

    [Fact]
    public async Task ALineWaitingForTheIndex_IsIndexedAfterAQuietMoment_WithoutASearch()
    {
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path);
        await store.AppendMessageAsync(RoomMessage(1));

        await Eventually.Until(() => IndexedIds(store.DatabasePath, "line").SequenceEqual([1L]), "line 1 in the index");
        Assert.Null(PendingBound(store.DatabasePath));
    }

    [Fact]
    public async Task LinesWaitingForTheIndex_AreIndexedWhenTheStoreCloses()
    {
        string path;
        using (SqliteChatStore store = SqliteChatStore.Open(_data.Path))
        {
            path = store.DatabasePath;
            await store.AppendMessageAsync(RoomMessage(1));
            await store.AppendMessageAsync(RoomMessage(2));
        }

        Assert.Equal([2L, 1L], IndexedIds(path, "line"));
        Assert.Null(PendingBound(path));
    }

    [Fact]
    public async Task ABacklogACrashLeft_IsIndexedAfterTheNextStart()
    {
        string path = await StoreLineOneAndClose();
        // What a crash between a line's commit and its indexing leaves: the line and the bound below it.
        RunBeside(path,
            "INSERT INTO messages (msg_id, conversation, ts, sender, target, text) VALUES (2, '#general', 0, 'alice', '#general', 'line two');" +
            "INSERT INTO search_pending (only_row, from_id) VALUES (1, 2);");

        using SqliteChatStore reopened = SqliteChatStore.Open(_data.Path);

        await Eventually.Until(() => IndexedIds(path, "two").SequenceEqual([2L]), "line 2 in the index");
        Assert.Equal([2L], Search(reopened, "two"));
        Assert.Equal([2L, 1L], IndexedIds(path, "line"));
    }

    [Fact]
    public async Task LinesCommittedOutOfIdOrder_AreEachIndexedOnce()
    {
        // Two readers post at once: the line numbered second may reach the writer first.
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path);
        await store.AppendMessageAsync(RoomMessage(3));
        Assert.Equal([3L], Search(store, "line"));

        await store.AppendMessageAsync(RoomMessage(5));
        await store.AppendMessageAsync(RoomMessage(4)); // below a line that waits
        await store.AppendMessageAsync(RoomMessage(1)); // below a line already indexed

        Assert.Equal([5L, 4L, 3L, 1L], Search(store, "line"));
        Assert.Equal([5L, 4L, 3L, 1L], IndexedIds(store.DatabasePath, "line"));
        Assert.Equal(4L, ReadBeside(store.DatabasePath, "SELECT doc FROM messages_fts_words WHERE term = 'line'", command => (long)command.ExecuteScalar()!));
        Assert.Null(PendingBound(store.DatabasePath));
    }

    [Fact]
    public async Task AVersion7Backlog_IsIndexedAfterTheMigration()
    {
        string path = await StoreLineOneAndClose();
        // Version 7 kept a row per waiting line; lines 2 and 3 were stored and waited when it stopped.
        RunBeside(path,
            "DROP TABLE search_pending; CREATE TABLE search_backlog (msg_id INTEGER PRIMARY KEY, conv TEXT NOT NULL);" +
            "INSERT INTO messages (msg_id, conversation, ts, sender, target, text) VALUES (2, '#general', 0, 'alice', '#general', 'line two'), (3, '#general', 0, 'alice', '#general', 'line three');" +
            $"INSERT INTO search_backlog (msg_id, conv) VALUES (2, '{SearchWords.ConversationTokens("#general")}'), (3, '{SearchWords.ConversationTokens("#general")}');" +
            "PRAGMA user_version = 7;");

        using SqliteChatStore reopened = SqliteChatStore.Open(_data.Path);

        Assert.Equal([3L, 2L, 1L], Search(reopened, "line"));
        Assert.Equal([3L, 2L, 1L], IndexedIds(path, "line"));
        Assert.Equal(0L, ReadBeside(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'search_backlog'", command => (long)command.ExecuteScalar()!));
    }

    /// <summary>The lines the full-text index itself holds for <paramref name="word"/>, read beside the store, newest first.</summary>
    private static List<long> IndexedIds(string path, string word) =>
        ReadBeside(path, "SELECT rowid FROM messages_fts WHERE messages_fts MATCH $word ORDER BY rowid DESC", command =>
        {
            command.Parameters.AddWithValue("$word", word);
            using SqliteDataReader reader = command.ExecuteReader();
            var ids = new List<long>();
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
            return ids;
        });

    /// <summary>What alice's search for <paramref name="word"/> in #general finds, newest first.</summary>
    private static IEnumerable<long> Search(SqliteChatStore store, string word) =>
        store.Search(SearchWords.Parse(word), [Conversations.Room("#general")], "alice", null, 10).Select(m => m.MsgId);

    /// <summary>Stores line 1 in a store of its own and closes it; the database's path.</summary>
    private async Task<string> StoreLineOneAndClose()
    {
        using SqliteChatStore store = SqliteChatStore.Open(_data.Path);
        await store.AppendMessageAsync(RoomMessage(1));
        return store.DatabasePath;
    }

    /// <summary>The id from which stored lines wait for the index; null when none waits.</summary>
    private static long? PendingBound(string path) =>
        ReadBeside(path, "SELECT from_id FROM search_pending", command => command.ExecuteScalar() as long?);

    /// <summary>Changes the database as another process (or a crash, or an older server) would, with the store closed.</summary>
    private static void RunBeside(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query on a read-only connection of its own, as a second process would.</summary>
    private static T ReadBeside<T>(string path, string sql, Func<SqliteCommand, T> read)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return read(command);
    }
}
