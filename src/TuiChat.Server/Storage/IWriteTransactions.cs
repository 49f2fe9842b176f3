namespace TuiChat.Server.Storage;

/// <summary>
/// The database side of a <see cref="GroupCommitWriter{TCommands}"/>: runs a batch of operations in
/// one transaction on the writer's own connection, with that connection's prepared statements.
/// </summary>
internal interface IWriteTransactions<out TCommands> : IDisposable
{
    /// <summary>
    /// Begins a transaction, runs <paramref name="batch"/> with the statements, commits. Throws
    /// (after rolling back) when any statement or the commit fails; nothing of the batch is kept then.
    /// </summary>
    void RunInTransaction(Action<TCommands> batch);

    /// <summary>
    /// How long until work the database put off for a quiet moment (SQLite: indexing stored lines for
    /// search) is due; zero when due now, null when nothing is put off. The writer runs
    /// <see cref="RunDeferredWork"/> when it is due and no operation came first, and before it stops.
    /// </summary>
    TimeSpan? DeferredWorkDueIn => null;

    /// <summary>Does the put-off work in a transaction of its own.</summary>
    void RunDeferredWork()
    {
    }
}
