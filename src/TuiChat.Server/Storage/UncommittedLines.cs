namespace TuiChat.Server.Storage;

/// <summary>
/// The chat lines a store has been handed but not yet committed. A single server delivers a line
/// before its commit (the commit waits up to the commit delay for company): a member who joins in
/// between did not get it live, so the store's reads of lines merge these in, and never wait for
/// the writer to do so.
/// </summary>
internal sealed class UncommittedLines
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, StoredMessage> _lines = [];

    /// <summary>
    /// Made once: a lambda that read this object would be a new delegate for every line, and a
    /// boxed id as its state another allocation; the line itself is the state.
    /// </summary>
    private readonly Action<Task, object?> _forget;

    public UncommittedLines() => _forget = (_, line) => Forget(((StoredMessage)line!).MsgId);

    /// <summary>Keeps <paramref name="line"/> until <paramref name="commit"/> ends (committed, or failed and so never stored).</summary>
    public Task Track(StoredMessage line, Task commit)
    {
        lock (_gate)
        {
            _lines[line.MsgId] = line;
        }
        commit.ContinueWith(_forget, line, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return commit;
    }

    /// <summary>Keeps the line that offers <paramref name="file"/> (when it has one) until <paramref name="commit"/> ends: an offer is a line of its conversation too.</summary>
    public Task TrackOffer(FileRecord file, Task commit) => file.MsgId > 0 ? Track(file.ToHistoryLine(), commit) : commit;

    /// <summary>
    /// The store's answer to a read of <paramref name="conversation"/>: <paramref name="read"/> runs
    /// after the uncommitted lines were taken, so a line is in one or the other (or both, once).
    /// The result holds the lines <paramref name="wanted"/> keeps, oldest first: the newest
    /// <paramref name="limit"/> of them, or the oldest when <paramref name="oldest"/>.
    /// </summary>
    public IReadOnlyList<StoredMessage> Merge(string conversation, Func<IReadOnlyList<StoredMessage>> read, Func<long, bool> wanted, int limit, bool oldest = false)
    {
        List<StoredMessage> pending;
        lock (_gate)
        {
            pending = [.. _lines.Values.Where(line => line.Conversation == conversation && wanted(line.MsgId))];
        }
        IReadOnlyList<StoredMessage> stored = read();
        if (pending.Count == 0)
        {
            return stored;
        }
        IEnumerable<StoredMessage> all = stored.Concat(pending).DistinctBy(line => line.MsgId).OrderBy(line => line.MsgId);
        return oldest ? [.. all.Take(limit)] : [.. all.TakeLast(limit)];
    }

    private void Forget(long msgId)
    {
        lock (_gate)
        {
            _lines.Remove(msgId);
        }
    }
}
