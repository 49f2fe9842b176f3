using Microsoft.Data.Sqlite;

namespace TuiChat.Server.Storage;

/// <summary>
/// Lines stored but not yet in the full-text index, put into <c>messages_fts</c> many at a time.
/// An FTS5 insert is cheap inside a transaction, but each transaction that touches the index writes
/// a segment of its own and merges segments now and then: one line per commit (a chat at a few
/// hundred lines a second) paid that for every line.
/// <para>
/// What waits is not a list but a bound: <c>search_pending.from_id</c>, at or below the id of every
/// stored line that is not indexed yet, written in the same transaction as the line that lowers it.
/// Ids mostly grow, so a line costs the backlog nothing on disk but the first of each round (a row
/// per line, as before, was 4-8 % of the writer's CPU). <see cref="Index"/> indexes the stored
/// lines from that id on that the index does not hold yet: lines may commit out of id order (two
/// readers post at once), so one that was indexed before a lower one committed is skipped, not
/// indexed twice. A crash loses nothing: the bound is in the database and the next start picks up
/// what the last run left. A search indexes first (<see cref="SqliteChatStore.Search"/>), so it
/// finds every stored line as if each had been indexed at once. Only the writer thread touches this object.
/// </para>
/// </summary>
internal sealed class SqliteSearchBacklog : IDisposable
{
    /// <summary>
    /// A transaction that finds this many lines waiting indexes them (one FTS5 segment for all of
    /// them). Fewer, larger segments are merged less often: 4,096 rather than 256 took about 28 % off
    /// the store benchmark's CPU per line of eight words. Below 4,096 lines a second <see cref="MaxWait"/>
    /// decides instead; a search that finds 4,064 lines waiting indexed them in 30-54 ms.
    /// </summary>
    public const int BatchLines = 4096;

    /// <summary>The longest a stored line waits for the index when no search asks for it: the writer indexes it after this much quiet.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    /// <summary>Conversations seen lately and their index tokens, which cost a hash each; cleared when it reaches this size.</summary>
    private const int MaxCachedConversations = 4096;

    private readonly SqliteCommand _lowerFrom;
    private readonly SqliteCommand _index;
    private readonly SqliteCommand _readFrom;
    private readonly SqliteCommand _countFrom;
    private readonly Dictionary<string, string> _conversationTokens = new(StringComparer.Ordinal);
    private long? _from;
    private int _waiting;
    private long _oldestWaitingMs;

    public SqliteSearchBacklog(SqliteConnection connection)
    {
        // The index statement asks C# for what only C# decides: which lines may be found and the
        // conversation words beside each (SearchWords), so no copy of either lives in SQL.
        connection.CreateFunction<string, bool>("search_indexed", SearchWords.IsIndexed, isDeterministic: true);
        connection.CreateFunction<string, string>("search_conv", ConversationTokens, isDeterministic: true);
        _lowerFrom = connection.CreateCommand();
        _lowerFrom.CommandText =
            "INSERT INTO search_pending (only_row, from_id) VALUES (1, $id) ON CONFLICT (only_row) DO UPDATE SET from_id = min(from_id, excluded.from_id)";
        _lowerFrom.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        _index = connection.CreateCommand();
        // In rowid order: FTS5 appends to its segment instead of sorting. messages_fts_docsize is
        // FTS5's own table of the rows it holds (one per indexed line; FTS5 docs, "columnsize").
        _index.CommandText =
            "INSERT INTO messages_fts (rowid, text, conv) SELECT m.msg_id, m.text, search_conv(m.conversation) FROM messages m " +
            "WHERE m.msg_id >= $from AND search_indexed(m.text) AND NOT EXISTS (SELECT 1 FROM messages_fts_docsize d WHERE d.id = m.msg_id) ORDER BY m.msg_id; " +
            "DELETE FROM search_pending;";
        _index.Parameters.Add(new SqliteParameter { ParameterName = "$from" });
        _readFrom = connection.CreateCommand();
        _readFrom.CommandText = "SELECT from_id FROM search_pending";
        _countFrom = connection.CreateCommand();
        _countFrom.CommandText = "SELECT count(*) FROM messages WHERE msg_id >= $from";
        _countFrom.Parameters.Add(new SqliteParameter { ParameterName = "$from" });
    }

    /// <summary>Lines waiting for the index (after a restart, the stored lines from the bound on, an upper estimate).</summary>
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
    /// Reads the bound again from the table: at open (a crash may have left lines unindexed) and
    /// after a rolled-back transaction, whose lines and indexing did not happen.
    /// </summary>
    public void Recount()
    {
        _from = _readFrom.ExecuteScalar() is long from ? from : null;
        _waiting = _from is long bound ? CountFrom(bound) : 0;
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
        _lowerFrom.Transaction = transaction;
        _index.Transaction = transaction;
        _readFrom.Transaction = transaction;
        _countFrom.Transaction = transaction;
    }

    /// <summary>Makes a stored line wait for the index, in the caller's transaction (the one that stores it).</summary>
    public void Add(long msgId)
    {
        if (_from is null || msgId < _from)
        {
            _lowerFrom.Parameters[0].Value = msgId;
            _lowerFrom.ExecuteNonQuery();
            _from = msgId;
        }
        Waiting++;
    }

    /// <summary>Indexes every waiting line and empties the backlog, in the caller's transaction.</summary>
    public void Index()
    {
        if (_from is long from)
        {
            _index.Parameters[0].Value = from;
            _index.ExecuteNonQuery();
        }
        _from = null;
        Waiting = 0;
    }

    private int CountFrom(long bound)
    {
        _countFrom.Parameters[0].Value = bound;
        return Convert.ToInt32(_countFrom.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string ConversationTokens(string conversation)
    {
        if (!_conversationTokens.TryGetValue(conversation, out string? tokens))
        {
            if (_conversationTokens.Count >= MaxCachedConversations)
            {
                _conversationTokens.Clear();
            }
            tokens = SearchWords.ConversationTokens(conversation);
            _conversationTokens.Add(conversation, tokens);
        }
        return tokens;
    }

    public void Dispose()
    {
        _lowerFrom.Dispose();
        _index.Dispose();
        _readFrom.Dispose();
        _countFrom.Dispose();
    }
}
