using Microsoft.Data.Sqlite;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Tests.Storage;

/// <summary>A database written by a version-1 server opens, keeps what is its owners', and hides what a reused name could claim.</summary>
public sealed class SchemaMigrationTests : IDisposable
{
    /// <summary>The version-1 schema exactly as the first server shipped it (a fixture: never change it).</summary>
    private const string Version1 = """
        CREATE TABLE accounts (user_key TEXT PRIMARY KEY, user TEXT NOT NULL, password_hash TEXT NOT NULL, role TEXT NOT NULL, created INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE messages (msg_id INTEGER PRIMARY KEY, conversation TEXT NOT NULL, ts INTEGER NOT NULL, sender TEXT NOT NULL, target TEXT NOT NULL, text TEXT NOT NULL);
        CREATE INDEX messages_by_conversation ON messages (conversation, msg_id);
        CREATE TABLE offline_messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, user_key TEXT NOT NULL, msg_id INTEGER NOT NULL REFERENCES messages (msg_id));
        CREATE INDEX offline_messages_by_user ON offline_messages (user_key, seq);
        CREATE TABLE files (file_id TEXT PRIMARY KEY, sender TEXT NOT NULL, target TEXT NOT NULL, conversation TEXT NOT NULL, name TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, ts INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE offline_files (seq INTEGER PRIMARY KEY AUTOINCREMENT, user_key TEXT NOT NULL, file_id TEXT NOT NULL REFERENCES files (file_id));
        CREATE INDEX offline_files_by_user ON offline_files (user_key, seq);
        CREATE TABLE groups (room_key TEXT PRIMARY KEY, room TEXT NOT NULL, owner TEXT NOT NULL, topic TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE group_members (room_key TEXT NOT NULL REFERENCES groups (room_key), position INTEGER NOT NULL, member TEXT NOT NULL, PRIMARY KEY (room_key, position)) WITHOUT ROWID;
        PRAGMA user_version = 1;

        INSERT INTO accounts VALUES ('alice', 'Alice', 'hash', 'user', 0), ('bob', 'bob', 'hash', 'user', 0);
        INSERT INTO messages VALUES (1, '@alice|bob', 0, 'Alice', 'bob', 'between accounts');
        INSERT INTO messages VALUES (2, '@alice|gina', 0, 'Alice', 'gina', 'to a guest');
        INSERT INTO messages VALUES (3, '@gina|gus', 0, 'gina', 'gus', 'between guests');
        INSERT INTO messages VALUES (4, '+team', 0, 'Alice', '+team', 'in the group');
        INSERT INTO messages VALUES (5, '#general', 0, 'bob', '#general', 'in general');
        INSERT INTO files VALUES ('f1', 'gina', 'gus', '@gina|gus', 'a.txt', 1, 'x', 0);
        INSERT INTO files VALUES ('f2', 'bob', 'Alice', '@alice|bob', 'b.txt', 1, 'x', 0);
        INSERT INTO offline_messages (user_key, msg_id) VALUES ('bob', 1);
        INSERT INTO groups VALUES ('+team', '+team', 'Alice', 'plans');
        INSERT INTO group_members VALUES ('+team', 0, 'Alice'), ('+team', 1, 'bob');
        """;

    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Version1Database_Migrates_KeepingAccountsConversationsAndGroups_AndSequesteringGuestConversations()
    {
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, SqliteChatStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = Version1;
            command.ExecuteNonQuery();
        }

        using SqliteChatStore store = SqliteChatStore.Open(_data.Path);

        string alice = Identities.Account("alice"), bob = Identities.Account("bob");
        Assert.Equal(["between accounts"], store.History(Conversations.Direct(alice, bob), null, 50).Select(m => m.Text));
        Assert.Equal(["in the group"], store.History(Assert.Single(store.LoadGroups()).Conversation, null, 50).Select(m => m.Text));
        Assert.Equal(("+team", "Alice", "plans"), (store.LoadGroups()[0].Room, store.LoadGroups()[0].Owner, store.LoadGroups()[0].Topic));
        Assert.Equal(["in general"], store.History(Conversations.Room("#general"), null, 50).Select(m => m.Text));
        Assert.Equal([1L], store.PeekOfflineMessages("bob", 0, 10).Select(m => m.Message.MsgId));
        Assert.Equal(Conversations.Direct(alice, bob), store.FindFile("f2")!.Conversation);

        // The guests' side is an identity no session can have: a new gina or gus reads nothing of it.
        Assert.Empty(store.History("@alice|gina", null, 50));
        Assert.Empty(store.History("@gina|gus", null, 50));
        Assert.Equal(["to a guest"], store.History("@alice|~legacy-gina", null, 50).Select(m => m.Text));
        Assert.Equal("@~legacy-gina|~legacy-gus", store.FindFile("f1")!.Conversation);
        Assert.False(Conversations.IsDirectOf(store.FindFile("f1")!.Conversation, Identities.NewGuest()));
        Assert.Equal(5, store.MaxMessageId());

        // Version 5: lines stored before the full-text index are searchable, and direct conversations between accounts are listed.
        Assert.Equal([5L, 4L], store.Search(SearchWords.Parse("in"), [Conversations.Room("#general"), "+team"], alice, null, 10).Select(m => m.MsgId));
        Assert.Equal([1L], store.Search(SearchWords.Parse("accounts"), [], bob, null, 10).Select(m => m.MsgId));
        Assert.Equal([new DirectRecord(Conversations.Direct(alice, bob), "bob", 1)], store.DirectConversations(alice, 10));
        Assert.Equal([new DirectRecord(Conversations.Direct(alice, bob), "Alice", 1)], store.DirectConversations(bob, 10));
        Assert.Equal(0, store.FindFile("f2")!.MsgId); // an old file is no line of history
        // Version 7: no line stored before it is a notice.
        Assert.DoesNotContain(store.History(Conversations.Room("#general"), null, 50), m => m.Notice);
    }
}
