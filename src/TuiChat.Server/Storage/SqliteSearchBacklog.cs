using Microsoft.Data.Sqlite;

namespace TuiChat.Server.Storage;

/// <summary>
/// Lines stored but not yet in the full-text index (<c>search_backlog</c>), put into
/// <c>messages_fts</c> many at a time. An FTS5 insert is cheap inside a transaction, but each
/// transaction that touches the index writes a segment of its own and merges segments now and
/// then: one line per commit (a chat at a few hundred lines a second) paid that for every line.
/// The backlog is a table, not a list in memory, so a crash loses nothing: the next
/// <see cref="Index"/> picks up what the last run left. A search indexes the backlog first
/// (<see cref="SqliteChatStore.Search"/>), so it finds every stored line as if each had been
/// indexed at once. Only the writer thread touches this object.
/// </summary>
internal sealed class SqliteSearchBacklog : IDisposable
{
    /// <summary>A transaction that finds this many lines waiting indexes them (one FTS5 segment for all of them).</summary>
    public const int BatchLines = 256;

    /// <summary>The longest a stored line waits for the index when no search asks for it: the writer indexes it after this much quiet.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly SqliteCommand _add;
    private readonly SqliteCommand _index;
    private readonly SqliteCommand _count;
    private int _waiting;
    private long _oldestWaitingMs;

    public SqliteSearchBacklog(SqliteConnection connection)
    {
        _add = connection.CreateCommand();
        _add.CommandText = "INSERT INTO search_backlog (msg_id, conv) VALUES ($id, $conv)";
        _add.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        _add.Parameters.Add(new SqliteParameter { ParameterName = "$conv" });
        _index = connection.CreateCommand();
        // In rowid order: FTS5 appends to its segment instead of sorting.
        _index.CommandText =
            "INSERT INTO messages_fts (rowid, text, conv) SELECT b.msg_id, m.text, b.conv FROM search_backlog b JOIN messages m ON m.msg_id = b.msg_id ORDER BY b.msg_id; " +
            "DELETE FROM search_backlog;";
        _count = connection.CreateCommand();
        _count.CommandText = "SELECT count(*) FROM search_backlog";
    }

    /// <summary>Lines waiting in the backlog.</summary>
    public int Waiting
    {
        get => _waiting;
        private set
        {
            if (_waiting == 0 && value > 0)
            {
                _oldestWaitingMs = Environment.TickCount64;
            }
            _waiting = value;
        }
    }

    /// <summary>
    /// Counts the backlog again from the table: at open (a crash may have left lines in it) and
    /// after a rolled-back transaction, whose additions and indexing did not happen.
    /// </summary>
    public void Recount()
    {
        _waiting = Convert.ToInt32(_count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        // Their wait starts again: after a failure the writer retries in MaxWait, not in a tight loop.
        _oldestWaitingMs = Environment.TickCount64;
    }

    /// <summary>How long until the oldest waiting line is due (zero when due now); null when none waits.</summary>
    public TimeSpan? DueIn()
    {
        if (_waiting == 0)
        {
            return null;
        }
        TimeSpan left = MaxWait - TimeSpan.FromMilliseconds(Environment.TickCount64 - _oldestWaitingMs);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>True when the transaction being written should also index the backlog.</summary>
    public bool IsDue => _waiting >= BatchLines || DueIn() == TimeSpan.Zero;

    public void Enlist(SqliteTransaction? transaction)
    {
        _add.Transaction = transaction;
        _index.Transaction = transaction;
        _count.Transaction = transaction;
    }

    /// <summary>Puts a stored line (its id and <see cref="SearchWords.ConversationTokens"/>) in the backlog, in the caller's transaction.</summary>
    public void Add(long msgId, string conversationTokens)
    {
        _add.Parameters[0].Value = msgId;
        _add.Parameters[1].Value = conversationTokens;
        _add.ExecuteNonQuery();
        Waiting++;
    }

    /// <summary>Indexes every line of the backlog and empties it, in the caller's transaction.</summary>
    public void Index()
    {
        _index.ExecuteNonQuery();
        Waiting = 0;
    }

    public void Dispose()
    {
        _add.Dispose();
        _index.Dispose();
        _count.Dispose();
    }
}
