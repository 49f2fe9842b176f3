using Microsoft.Data.Sqlite;
using TuiChat.Protocol;

namespace TuiChat.Server.Storage;

/// <summary>
/// <see cref="IChatStore"/> over an embedded SQLite database, <c>&lt;data&gt;/tuichat.db</c>, in WAL mode
/// with <c>synchronous=FULL</c> (or NORMAL when asked, <see cref="SqliteSync"/>). Every write, including the ones with a synchronous signature
/// (<see cref="TryAddAccount"/>, the offline takes), goes through one <see cref="GroupCommitWriter{TCommands}"/>,
/// so writes are applied in the order they were queued and each is durable when it returns.
/// Reads use pooled connections of their own and never wait for the writer.
/// </summary>
public sealed partial class SqliteChatStore : IChatStore
{
    public const string FileName = "tuichat.db";

    private readonly string _readConnectionString;
    private readonly GroupCommitWriter<SqliteWriteCommands> _writer;
    private readonly UncommittedLines _uncommitted = new();
    private readonly LocalMessageIds _ids;
    private readonly SqliteSync _sync;
    private int _disposed;

    private SqliteChatStore(string path, string readConnectionString, GroupCommitWriter<SqliteWriteCommands> writer, SqliteSync sync)
    {
        DatabasePath = path;
        _sync = sync;
        _readConnectionString = readConnectionString;
        _writer = writer;
        _ids = new LocalMessageIds(MaxMessageId);
    }

    public string DatabasePath { get; }

    public string Description => $"SQLite {DatabasePath} (synchronous={_sync.ToString().ToUpperInvariant()}, {_writer.CommitDelayDescription})";

    /// <summary>Transactions the writer has committed (a test and diagnostics counter).</summary>
    public long CommittedBatches => _writer.CommittedBatches;

    internal GroupCommitWriter<SqliteWriteCommands> Writer => _writer;

    /// <summary>
    /// Opens (creating and migrating when needed) the database in <paramref name="dataFolder"/>.
    /// </summary>
    /// <param name="sync">How durable a commit is (<see cref="SqliteSync"/>; docs/STORAGE.md).</param>
    /// <param name="commitDelay">How long a lone line waits for others to share its commit (<see cref="GroupCommitWriter{TCommands}"/>).</param>
    /// <exception cref="StoreOpenException">The folder or the file cannot be used; the message says why.</exception>
    public static SqliteChatStore Open(string dataFolder, SqliteSync sync = SqliteSync.Full, TimeSpan commitDelay = default)
    {
        string folder = Path.GetFullPath(dataFolder);
        string path = Path.Combine(folder, FileName);
        EnsureWritableFolder(folder, path);

        string writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // the writer's connection must really close on Dispose
        }.ToString();
        string readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();

        SqliteConnection connection = new(writeConnectionString);
        try
        {
            connection.Open();
            Configure(connection, path, sync);
            int version = SqliteSchema.ReadVersion(connection);
            SqliteSchema.Migrate(connection, path);
            SqliteSchema.FillSkeletons(connection);
            if (version is > 0 and < SqliteSchema.SearchIndexVersion)
            {
                SqliteSchema.FillVersion5(connection);
            }
            RestrictToOwner(path);
        }
        catch (SqliteException error)
        {
            connection.Dispose();
            throw new StoreOpenException(path, Describe(error), error);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SqliteChatStore(path, readConnectionString,
            new GroupCommitWriter<SqliteWriteCommands>(new SqliteWriteTransactions(connection), "sqlite-writer", commitDelay), sync);
    }

    public long MaxMessageId() =>
        Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT COALESCE(MAX(msg_id), 0) FROM messages";
            return (long)command.ExecuteScalar()!;
        });

    public MessageIdBlock ReserveMessageIds() => _ids.Reserve();

    public AccountRecord? FindAccount(string user) =>
        Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT {StoreRows.AccountColumns} FROM accounts a WHERE a.user_key = $key OR a.skeleton = $skeleton ORDER BY a.user_key = $key DESC LIMIT 1";
            command.Parameters.AddWithValue("$key", NameRules.Key(user));
            command.Parameters.AddWithValue("$skeleton", NameRules.Skeleton(user));
            return StoreRows.ReadAll(command, StoreRows.Account).FirstOrDefault();
        });

    public bool TryAddAccount(AccountRecord account) =>
        Wait(_writer.Enqueue(commands => commands.InsertAccount(account)));

    public Task AppendMessageAsync(StoredMessage message, string? offlineRecipient = null) =>
        _uncommitted.Track(message, _writer.Write(commands => commands.InsertMessage(message, offlineRecipient)));

    public IReadOnlyList<StoredMessage> History(string conversation, long? before, int limit)
    {
        if (limit <= 0)
        {
            return [];
        }

        return _uncommitted.Merge(conversation, () => Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText =
                $"SELECT {StoreRows.MessageColumns} FROM messages m WHERE m.conversation = $conversation AND m.msg_id < $before ORDER BY m.msg_id DESC LIMIT $limit";
            command.Parameters.AddWithValue("$conversation", conversation);
            command.Parameters.AddWithValue("$before", before ?? long.MaxValue);
            command.Parameters.AddWithValue("$limit", limit);
            List<StoredMessage> newestFirst = StoreRows.ReadAll(command, StoreRows.Message);
            newestFirst.Reverse();
            return newestFirst;
        }), msgId => msgId < (before ?? long.MaxValue), limit);
    }

    public IReadOnlyList<QueuedMessage> PeekOfflineMessages(string user, long afterSeq, int limit) =>
        Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText =
                $"SELECT o.seq, {StoreRows.MessageColumns} FROM offline_messages o JOIN messages m ON m.msg_id = o.msg_id WHERE o.user_key = $user AND o.seq > $after ORDER BY o.seq LIMIT $limit";
            AddQueueParameters(command, user, afterSeq, limit);
            return StoreRows.ReadAll(command, r => new QueuedMessage(r.GetInt64(0), StoreRows.Message(r, 1)));
        });

    public IReadOnlyList<QueuedFile> PeekOfflineFiles(string user, long afterSeq, int limit) =>
        Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText =
                $"SELECT o.seq, {StoreRows.FileColumns} FROM offline_files o JOIN files f ON f.file_id = o.file_id WHERE o.user_key = $user AND o.seq > $after ORDER BY o.seq LIMIT $limit";
            AddQueueParameters(command, user, afterSeq, limit);
            return StoreRows.ReadAll(command, r => new QueuedFile(r.GetInt64(0), StoreRows.File(r, 1)));
        });

    public Task ForgetOfflineAsync(string user, long throughMessageSeq, long throughFileSeq) =>
        _writer.Write(commands => commands.ForgetOffline(user, throughMessageSeq, throughFileSeq));

    public Task AddFileAsync(FileRecord file, string? offlineRecipient = null) =>
        _uncommitted.TrackOffer(file, _writer.Write(commands => commands.InsertFile(file, offlineRecipient)));

    public FileRecord? FindFile(string fileId) =>
        Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT {StoreRows.FileColumns} FROM files f WHERE f.file_id = $id";
            command.Parameters.AddWithValue("$id", fileId);
            return StoreRows.ReadAll(command, StoreRows.File).FirstOrDefault();
        });

    public IReadOnlyList<GroupRecord> LoadGroups() =>
        Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText =
                "SELECT g.room_key, m.member, g.room, g.owner, g.topic, g.conversation FROM groups g LEFT JOIN group_members m ON m.room_key = g.room_key ORDER BY g.room_key, m.position";
            return StoreRows.ReadWithMembers(command, (r, members) => new GroupRecord(r.GetString(2), r.GetString(3), r.GetString(4), members, r.GetString(5)));
        });

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
        Read(connection =>
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT {StoreRows.IdentityKeyColumns} FROM identity_keys k WHERE k.user_key = $key";
            command.Parameters.AddWithValue("$key", NameRules.Key(user));
            return StoreRows.ReadAll(command, StoreRows.IdentityKeys).FirstOrDefault();
        });

    /// <summary>Commits every write already queued, then closes the database.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Readers close first: the last connection to close checkpoints the WAL into the database
        // file and deletes it, and only the writer's (read-write) connection can do that.
        using (var connection = new SqliteConnection(_readConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writer.Dispose();
    }

    private static void EnsureWritableFolder(string folder, string path)
    {
        if (File.Exists(folder))
        {
            throw new StoreOpenException(path, $"the data path {folder} is a file, not a folder");
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StoreOpenException(path, $"cannot create the data folder ({error.Message})", error);
        }

        // SQLite quietly opens a read-only file read-only and fails only at the first write, and
        // WAL needs to create files beside the database: check both now, to say so plainly.
        string probe = Path.Combine(folder, $".tuichat-write-test-{Environment.ProcessId}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new StoreOpenException(path, $"the data folder {folder} is not writable ({error.Message})", error);
        }

        if (File.Exists(path))
        {
            try
            {
                using FileStream _ = File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new StoreOpenException(path, $"the file is not writable ({error.Message})", error);
            }
        }
    }

    private static void Configure(SqliteConnection connection, string path, SqliteSync sync)
    {
        using SqliteCommand command = connection.CreateCommand();
        // Reading the mode back is also the first read of the file: garbage fails here, clearly.
        command.CommandText = "PRAGMA journal_mode = WAL;";
        string? mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StoreOpenException(path, $"the file system does not support write-ahead logging (journal mode is {mode})");
        }

        // FULL: every COMMIT is fsynced before the writer acknowledges it, so an acked message
        // survives a crash of the process and of the machine. NORMAL (WAL): a COMMIT is written to
        // the WAL but fsynced only at checkpoints; it survives a crash of the process, not of the OS.
        command.CommandText = $"PRAGMA synchronous = {(sync == SqliteSync.Normal ? "NORMAL" : "FULL")}; PRAGMA busy_timeout = 5000;";
        command.ExecuteNonQuery();
        command.CommandText = "PRAGMA synchronous;";
        long level = (long)command.ExecuteScalar()!;
        if (level != (sync == SqliteSync.Normal ? 1 : 2))
        {
            throw new StoreOpenException(path, $"SQLite kept synchronous level {level} instead of {sync}");
        }
    }

    /// <summary>The database holds password hashes: keep it private to the server's user.</summary>
    private static void RestrictToOwner(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // SQLite creates later -wal/-shm files with the database's mode; fix the ones already there.
        foreach (string file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string Describe(SqliteException error) => error.SqliteErrorCode switch
    {
        26 => "the file is not a SQLite database (corrupted, or another kind of file); move it away or restore a backup",
        11 => "the database file is corrupted; restore a backup",
        14 => "the file cannot be created or opened; check that the folder exists and is writable",
        8 => "the file or its folder is read-only",
        13 => "the disk is full",
        _ => error.Message,
    };

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static void AddQueueParameters(SqliteCommand command, string user, long afterSeq, int limit)
    {
        command.Parameters.AddWithValue("$user", NameRules.Key(user));
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$limit", limit);
    }

    private T Read<T>(Func<SqliteConnection, T> query)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        return query(connection);
    }
}
