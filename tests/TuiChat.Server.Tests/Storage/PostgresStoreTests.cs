using System.Security.Cryptography;
using Npgsql;
using TuiChat.Server.Chat;
using TuiChat.Server.Files;
using TuiChat.Server.Storage;
using TuiChat.Server.Storage.Postgres;

namespace TuiChat.Server.Tests.Storage;

/// <summary>
/// What the PostgreSQL store adds to the contract: it is shared by several servers (two stores on
/// one schema stand for two servers here), numbers each conversation's messages, keeps file
/// contents, changes group members row by row, and migrates through its version table.
/// </summary>
public sealed class PostgresStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private readonly List<IDisposable> _owned = [];
    private TestSchema? _schema;

    public void Dispose()
    {
        foreach (IDisposable owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
        _schema?.Dispose();
    }

    private PostgresChatStore OpenServer()
    {
        _schema ??= TestPostgres.CreateSchema();
        PostgresChatStore store = PostgresChatStore.Open(_schema.ConnectionString, passwordVariable: null);
        _owned.Add(store);
        return store;
    }

    private static StoredMessage Line(long id, string room, string text = "hi") =>
        new(id, T0.AddSeconds(id), Conversations.Room(room), "alice", room, text);

    [SkippableFact]
    public async Task EachConversation_NumbersItsMessages_FromOne_InCommitOrder()
    {
        PostgresChatStore store = OpenServer();

        long[] general = [await store.AppendNumberedAsync(Line(10, "#general")), await store.AppendNumberedAsync(Line(11, "#general"))];
        long games = await store.AppendNumberedAsync(Line(12, "#games"));
        long third = await store.AppendNumberedAsync(Line(13, "#general"));

        Assert.Equal([1L, 2L], general);
        Assert.Equal(1, games);
        Assert.Equal(3, third);
        Assert.Equal(3, store.LastNumber(Conversations.Room("#general")));
        Assert.Equal(0, store.LastNumber(Conversations.Room("#nobody")));
        IReadOnlyList<NumberedMessage> missed = store.ConversationSince(Conversations.Room("#general"), afterSeq: 1, limit: 10);
        Assert.Equal([(2L, 11L), (3L, 13L)], missed.Select(m => (m.Seq, m.Message.MsgId)));
        Assert.Equal(Line(13, "#general"), missed[^1].Message);
    }

    [SkippableFact]
    public async Task TwoServers_OnOneDatabase_NeverShareAMessageId_AndARoomGetsOneGaplessOrder()
    {
        PostgresChatStore nodeA = OpenServer(), nodeB = OpenServer();
        const int PerNode = 300;

        async Task<List<long>> PostAsync(PostgresChatStore node)
        {
            var ids = new List<long>();
            var chat = new MessageIds(node);
            var writes = new List<Task<long>>();
            for (int i = 0; i < PerNode; i++)
            {
                long id = chat.Next();
                ids.Add(id);
                writes.Add(node.AppendNumberedAsync(Line(id, "#general")));
            }
            await Task.WhenAll(writes);
            return ids;
        }

        List<long>[] ids = await Task.WhenAll(Task.Run(() => PostAsync(nodeA)), Task.Run(() => PostAsync(nodeB)));

        Assert.Empty(ids[0].Intersect(ids[1]));
        IReadOnlyList<NumberedMessage> all = nodeB.ConversationSince(Conversations.Room("#general"), 0, 10_000);
        Assert.Equal(Enumerable.Range(1, 2 * PerNode).Select(n => (long)n), all.Select(m => m.Seq));
        Assert.Equal(ids[0].Concat(ids[1]).Order(), all.Select(m => m.Message.MsgId).Order());
        // Each server's own lines keep their order within the room's one order.
        Assert.Equal(ids[0], all.Select(m => m.Message.MsgId).Where(ids[0].Contains));
    }

    [SkippableFact]
    public async Task GroupMembers_AreChangedRowByRow_MembersWhoStayAreNotRewritten()
    {
        PostgresChatStore store = OpenServer();
        await store.SaveGroupAsync(new GroupInfo("+team", "alice", "", "+team~01"));
        await store.AddGroupMemberAsync("+team", "alice");
        await store.AddGroupMemberAsync("+team", "bob");
        Dictionary<string, uint> before = MemberRowVersions();

        await store.SaveGroupAsync(new GroupInfo("+team", "alice", "plans", "+team~01"));
        await store.AddGroupMemberAsync("+team", "Carol");
        Dictionary<string, uint> afterJoin = MemberRowVersions();
        await store.RemoveGroupMemberAsync("+team", "bob");
        Dictionary<string, uint> afterLeave = MemberRowVersions();

        Assert.Equal(before["alice"], afterJoin["alice"]);
        Assert.Equal(before["bob"], afterJoin["bob"]);
        Assert.Equal(["alice", "bob", "carol"], afterJoin.Keys.Order());
        Assert.Equal(afterJoin["carol"], afterLeave["carol"]);
        Assert.Equal(["alice", "carol"], afterLeave.Keys.Order());
        Assert.Equal(["alice", "Carol"], Assert.Single(store.LoadGroups()).Members);
    }

    [SkippableFact]
    public async Task TwoServers_ChangingOneGroupAtOnce_KeepBothChanges()
    {
        PostgresChatStore nodeA = OpenServer(), nodeB = OpenServer();
        await nodeA.SaveGroupAsync(new GroupInfo("+team", "alice", "", "+team~01"));
        foreach (string member in new[] { "alice", "bob", "carol" })
        {
            await nodeA.AddGroupMemberAsync("+team", member);
        }

        // Each server knows only its own change: A adds dave while B drops bob and adds erin.
        const int Rounds = 20;
        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (int i = 0; i < Rounds; i++)
                {
                    await nodeA.AddGroupMemberAsync("+team", $"dave{i}");
                }
            }),
            Task.Run(async () =>
            {
                await nodeB.RemoveGroupMemberAsync("+team", "bob");
                for (int i = 0; i < Rounds; i++)
                {
                    await nodeB.AddGroupMemberAsync("+team", $"erin{i}");
                }
            }));

        string[] members = [.. Assert.Single(nodeB.LoadGroups()).Members];
        string[] expected = ["alice", "carol", .. Enumerable.Range(0, Rounds).Select(i => $"dave{i}"), .. Enumerable.Range(0, Rounds).Select(i => $"erin{i}")];
        Assert.Equal(expected.Order(StringComparer.Ordinal), members.Order(StringComparer.Ordinal));
    }

    private Dictionary<string, uint> MemberRowVersions()
    {
        using var connection = new NpgsqlConnection(_schema!.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SELECT member_key, xmin FROM group_members", connection);
        using NpgsqlDataReader reader = command.ExecuteReader();
        var rows = new Dictionary<string, uint>();
        while (reader.Read())
        {
            rows[reader.GetString(0)] = reader.GetFieldValue<uint>(1);
        }
        return rows;
    }

    [SkippableFact]
    public void FileContents_WrittenOnOneServer_AreServedByAnother_OnlyOnceCommitted()
    {
        IFileStore nodeA = OpenServer().Files, nodeB = OpenServer().Files;
        byte[] data = RandomNumberGenerator.GetBytes(PostgresFileStore.ChunkBytes * 2 + 12_345);
        string fileId = FileStore.NewFileId();

        using (Stream upload = nodeA.CreateTemp(fileId))
        {
            for (int at = 0; at < data.Length; at += 65_536)
            {
                upload.Write(data, at, Math.Min(65_536, data.Length - at));
            }
            upload.Flush();
        }
        Assert.False(nodeB.Exists(fileId));
        nodeA.Commit(fileId);

        Assert.True(nodeB.Exists(fileId));
        using Stream download = nodeB.OpenRead(fileId);
        var copy = new MemoryStream();
        download.CopyTo(copy, 65_536);
        Assert.Equal(data, copy.ToArray());
    }

    [SkippableFact]
    public void AnUploadCutShort_IsDiscarded_WithItsRows()
    {
        IFileStore files = OpenServer().Files;
        string fileId = FileStore.NewFileId();
        using (Stream upload = files.CreateTemp(fileId))
        {
            upload.Write(new byte[PostgresFileStore.ChunkBytes + 1]);
        }

        files.Discard(fileId);

        Assert.False(files.Exists(fileId));
        Assert.Equal(0L, Count("SELECT count(*) FROM file_chunks"));
    }

    [SkippableFact]
    public async Task ARestartedServer_FindsEverything_AndTheSchemaIsMigratedOnce()
    {
        PostgresChatStore first = OpenServer();
        Assert.True(first.TryAddAccount(new AccountRecord("Zoë", "hash", "user", T0)));
        await first.AppendMessageAsync(Line(first.ReserveMessageIds().First, "#general", "before the restart"));
        await first.PutIdentityKeysAsync(new IdentityKeysRecord("zoë", "YWdy", "c2ln", "c2ln", T0));
        first.Dispose();

        PostgresChatStore second = OpenServer();

        Assert.Equal("Zoë", second.FindAccount("ZOË")!.User);
        Assert.Equal("before the restart", Assert.Single(second.History(Conversations.Room("#general"), null, 10)).Text);
        Assert.Equal("YWdy", second.FindIdentityKeys("Zoë")!.Agreement);
        Assert.True(second.ReserveMessageIds().First > second.MaxMessageId());
        Assert.Equal((long)PostgresSchema.CurrentVersion, Count("SELECT count(*) FROM schema_version"));
    }

    [SkippableFact]
    public void ASchemaNewerThanTheServer_IsRefused_WithTheReason()
    {
        OpenServer().Dispose();
        Count("INSERT INTO schema_version (version) VALUES (99) RETURNING 0");

        StoreOpenException refused = Assert.Throws<StoreOpenException>(() => PostgresChatStore.Open(_schema!.ConnectionString, null));

        Assert.Contains("schema version 99 is newer than this server understands", refused.Message, StringComparison.Ordinal);
    }

    private long Count(string sql)
    {
        using var connection = new NpgsqlConnection(_schema!.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void APasswordInTheConnectionString_IsRefused()
    {
        StoreOpenException refused = Assert.Throws<StoreOpenException>(() =>
            PostgresChatStore.Open("Host=/tmp;Database=tuichat;Username=tuichat;Password=secret", null));

        Assert.Contains("holds a password", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnsetPasswordVariable_IsRefused_ByName()
    {
        StoreOpenException refused = Assert.Throws<StoreOpenException>(() =>
            PostgresChatStore.Open("Host=/tmp;Database=tuichat;Username=tuichat", "TUICHAT_TEST_UNSET_" + Guid.NewGuid().ToString("N")));

        Assert.Contains("TUICHAT_TEST_UNSET_", refused.Message, StringComparison.Ordinal);
        Assert.Contains("is not set", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreachableServer_IsRefused_WithTheReason()
    {
        using var empty = new TempDataFolder(); // a socket folder with no server in it

        StoreOpenException refused = Assert.Throws<StoreOpenException>(() =>
            PostgresChatStore.Open($"Host={empty.Path};Database=tuichat;Username=tuichat;Timeout=5", null));

        Assert.Contains("cannot reach the server", refused.Message, StringComparison.Ordinal);
    }
}
