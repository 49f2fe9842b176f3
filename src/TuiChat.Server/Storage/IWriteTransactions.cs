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
}
