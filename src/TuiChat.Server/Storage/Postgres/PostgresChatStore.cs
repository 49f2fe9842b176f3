using Npgsql;
using TuiChat.Protocol;
using TuiChat.Server.Files;

namespace TuiChat.Server.Storage.Postgres;

/// <summary>
/// <see cref="IChatStore"/> over a PostgreSQL database that several servers may share
/// (<c>--postgres</c>). Writes go through one <see cref="GroupCommitWriter{TCommands}"/> per server,
/// as with SQLite: applied in the order they were queued, many per transaction, each acknowledged
/// after its COMMIT. Reads use pooled connections and never wait for the writer. Message ids come
/// from a sequence in blocks (<see cref="ReserveMessageIds"/>), so no two servers use the same one;
/// each message also gets the next number of its conversation in the transaction that stores it
/// (<see cref="ConversationSince"/>). File contents live in the database too (<see cref="Files"/>).
/// </summary>
public sealed partial class PostgresChatStore : IChatStore, Cluster.IRoomLog
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitWriter<PostgresWriteCommands> _writer;
    private readonly UncommittedLines _uncommitted = new();
    private int _disposed;

    private PostgresChatStore(NpgsqlDataSource dataSource, string description, TimeSpan commitDelay)
    {
        _dataSource = dataSource;
        _writer = new GroupCommitWriter<PostgresWriteCommands>(new PostgresWriteTransactions(dataSource), "postgres-writer", commitDelay);
        Description = $"{description} ({_writer.CommitDelayDescription})";
        Files = new PostgresFileStore(dataSource, description);
    }

    public string Description { get; }

    /// <summary>Uploaded files, kept in the same database.</summary>
    public IFileStore Files { get; }

    /// <summary>
    /// Connects, creating or migrating the schema when needed.
    /// </summary>
    /// <param name="connectionString">Npgsql keywords (<c>Host=/run/postgresql;Database=tuichat;Username=tuichat</c>), without a password.</param>
    /// <param name="passwordVariable">The environment variable that holds the password, if one is needed.</param>
    /// <param name="commitDelay">How long a lone line waits for others to share its commit (<see cref="GroupCommitWriter{TCommands}"/>).</param>
    /// <exception cref="StoreOpenException">The settings are wrong or the database cannot be used; the message says why.</exception>
    public static PostgresChatStore Open(string connectionString, string? passwordVariable, TimeSpan commitDelay = default)
    {
        NpgsqlDataSource dataSource = PostgresConnection.CreateDataSource(connectionString, passwordVariable, out string description);
        try
        {
            using NpgsqlConnection connection = dataSource.OpenConnection();
            PostgresSchema.Migrate(connection, description);
            return new PostgresChatStore(dataSource, description, commitDelay);
        }
        catch (Exception error) when (error is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            dataSource.Dispose();
            throw new StoreOpenException(description, PostgresConnection.Describe(error), error);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    public long MaxMessageId() =>
        Read(connection => (long)Command(connection, "SELECT COALESCE(MAX(msg_id), 0) FROM messages").ExecuteScalar()!);

    /// <summary>One <c>nextval</c> of a sequence that steps by a block: no other server gets these ids.</summary>
    public MessageIdBlock ReserveMessageIds() =>
        Read(connection =>
        {
            long first = (long)Command(connection, "SELECT nextval('message_id_blocks')").ExecuteScalar()!;
            return new MessageIdBlock(first, first + PostgresSchema.MessageIdBlock - 1);
        });

    public AccountRecord? FindAccount(string user) =>
        Read(connection => StoreRows.ReadAll(
            Command(connection, $"SELECT {StoreRows.AccountColumns} FROM accounts a WHERE a.user_key = $1 OR a.skeleton = $2 ORDER BY a.user_key = $1 DESC LIMIT 1",
                NameRules.Key(user), NameRules.Skeleton(user)),
            StoreRows.Account).FirstOrDefault());

    public bool TryAddAccount(AccountRecord account) =>
        _writer.Enqueue(commands => commands.InsertAccount(account)).GetAwaiter().GetResult();

    public Task AppendMessageAsync(StoredMessage message, string? offlineRecipient = null) =>
        _uncommitted.Track(message, AppendNumberedAsync(message, offlineRecipient));

    /// <summary>Like <see cref="AppendMessageAsync"/>; the task's result is the message's number in its conversation.</summary>
    public Task<long> AppendNumberedAsync(StoredMessage message, string? offlineRecipient = null) =>
        _writer.Enqueue(commands => commands.InsertMessage(message, offlineRecipient));

    public Task<NumberedMessage> AppendLineAsync(StoredMessage proposed, string? offlineRecipient, Action<NumberedMessage> numbered) =>
        _writer.Enqueue(commands =>
        {
            NumberedMessage line = commands.InsertNumberedLine(proposed, offlineRecipient);
            numbered(line);
            return line;
        });

    public Task<FileRecord> AppendFileAsync(FileRecord proposed, string? offlineRecipient) =>
        _writer.Enqueue(commands => commands.InsertNumberedFile(proposed, offlineRecipient));

    public Task ForgetQueuedAsync(string user, long msgId) =>
        _writer.Write(commands => commands.ForgetQueued(user, msgId));

    public IReadOnlyList<StoredMessage> History(string conversation, long? before, int limit)
    {
        if (limit <= 0)
        {
            return [];
        }
        return _uncommitted.Merge(conversation, () =>
        {
            List<StoredMessage> newestFirst = Read(connection => StoreRows.ReadAll(
                Command(connection, $"SELECT {StoreRows.MessageColumns} FROM messages m WHERE m.conversation = $1 AND m.msg_id < $2 ORDER BY m.msg_id DESC LIMIT $3",
                    conversation, before ?? long.MaxValue, limit),
                StoreRows.Message));
            newestFirst.Reverse();
            return newestFirst;
        }, msgId => msgId < (before ?? long.MaxValue), limit);
    }

    /// <summary>
    /// The messages of <paramref name="conversation"/> numbered above <paramref name="afterSeq"/>, in
    /// their conversation's order, at most <paramref name="limit"/>: what a server that saw number
    /// <paramref name="afterSeq"/> last has missed.
    /// </summary>
    public IReadOnlyList<NumberedMessage> ConversationSince(string conversation, long afterSeq, int limit) =>
        Read(connection => StoreRows.ReadAll(
            Command(connection, $"SELECT m.room_seq, {StoreRows.MessageColumns} FROM messages m WHERE m.conversation = $1 AND m.room_seq > $2 ORDER BY m.room_seq LIMIT $3",
                conversation, afterSeq, limit),
            r => new NumberedMessage(r.GetInt64(0), StoreRows.Message(r, 1))));

    /// <summary>The number of the last message stored in <paramref name="conversation"/> (0 when none).</summary>
    public long LastNumber(string conversation) =>
        Read(connection => (long?)Command(connection, "SELECT last_seq FROM conversation_seqs WHERE conversation = $1", conversation).ExecuteScalar() ?? 0);

    public IReadOnlyList<QueuedMessage> PeekOfflineMessages(string user, long afterSeq, int limit) =>
        Read(connection => StoreRows.ReadAll(
            Command(connection, $"SELECT o.seq, {StoreRows.MessageColumns} FROM offline_messages o JOIN messages m ON m.msg_id = o.msg_id WHERE o.user_key = $1 AND o.seq > $2 ORDER BY o.seq LIMIT $3",
                NameRules.Key(user), afterSeq, limit),
            r => new QueuedMessage(r.GetInt64(0), StoreRows.Message(r, 1))));

    public IReadOnlyList<QueuedFile> PeekOfflineFiles(string user, long afterSeq, int limit) =>
        Read(connection => StoreRows.ReadAll(
            Command(connection, $"SELECT o.seq, {StoreRows.FileColumns} FROM offline_files o JOIN files f ON f.file_id = o.file_id WHERE o.user_key = $1 AND o.seq > $2 ORDER BY o.seq LIMIT $3",
                NameRules.Key(user), afterSeq, limit),
            r => new QueuedFile(r.GetInt64(0), StoreRows.File(r, 1))));

    public Task ForgetOfflineAsync(string user, long throughMessageSeq, long throughFileSeq) =>
        _writer.Write(commands => commands.ForgetOffline(user, throughMessageSeq, throughFileSeq));

    public Task AddFileAsync(FileRecord file, string? offlineRecipient = null) =>
        _uncommitted.TrackOffer(file, _writer.Write(commands => commands.InsertFile(file, offlineRecipient)));

    public FileRecord? FindFile(string fileId) =>
        Read(connection => StoreRows.ReadAll(
            Command(connection, $"SELECT {StoreRows.FileColumns} FROM files f WHERE f.file_id = $1", fileId),
            StoreRows.File).FirstOrDefault());

    public IReadOnlyList<GroupRecord> LoadGroups() =>
        Read(connection => StoreRows.ReadWithMembers(
            Command(connection, "SELECT g.room_key, m.member, g.room, g.owner, g.topic, g.conversation FROM groups g LEFT JOIN group_members m ON m.room_key = g.room_key ORDER BY g.room_key, m.position"),
            (r, members) => new GroupRecord(r.GetString(2), r.GetString(3), r.GetString(4), members, r.GetString(5))));

    public Task SaveGroupAsync(GroupInfo group) =>
        _writer.Write(commands => commands.SaveGroup(group));

    public Task AddGroupMemberAsync(string room, string member) =>
        _writer.Write(commands => commands.AddGroupMember(room, member));

    public Task RemoveGroupMemberAsync(string room, string member) =>
        _writer.Write(commands => commands.RemoveGroupMember(room, member));

    public Task DeleteGroupAsync(string room) =>
        _writer.Write(commands => commands.DeleteGroup(room));

    public Task PutIdentityKeysAsync(IdentityKeysRecord keys) =>
        _writer.Write(commands => commands.PutIdentityKeys(keys));

    public IdentityKeysRecord? FindIdentityKeys(string user) =>
        Read(connection => StoreRows.ReadAll(
            Command(connection, $"SELECT {StoreRows.IdentityKeyColumns} FROM identity_keys k WHERE k.user_key = $1", NameRules.Key(user)),
            StoreRows.IdentityKeys).FirstOrDefault());

    /// <summary>Commits every write already queued, then closes the connections.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _writer.Dispose();
        _dataSource.Dispose();
    }

    internal static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }

    private T Read<T>(Func<NpgsqlConnection, T> query)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using NpgsqlConnection connection = _dataSource.OpenConnection();
        return query(connection);
    }
}

/// <summary>A stored message with its number in its conversation (1, 2, 3..., in commit order).</summary>
public sealed record NumberedMessage(long Seq, StoredMessage Message);
