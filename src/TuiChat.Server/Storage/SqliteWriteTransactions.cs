using Microsoft.Data.Sqlite;

namespace TuiChat.Server.Storage;

/// <summary>The SQLite writer connection and its statements, for <see cref="GroupCommitWriter{TCommands}"/>.</summary>
internal sealed class SqliteWriteTransactions : IWriteTransactions<SqliteWriteCommands>
{
    private readonly SqliteConnection _connection;
    private readonly SqliteWriteCommands _commands;

    public SqliteWriteTransactions(SqliteConnection connection)
    {
        _connection = connection;
        _commands = new SqliteWriteCommands(connection);
        // A crash may have left stored lines unindexed: they are indexed with the first batch that is due.
        _commands.Backlog.Recount();
    }

    /// <summary>The search backlog is indexed at the latest this long after its oldest line came, when no batch did it before.</summary>
    public TimeSpan? DeferredWorkDueIn => _commands.Backlog.DueIn();

    public void RunDeferredWork() => RunInTransaction(commands => commands.Backlog.Index());

    public void RunInTransaction(Action<SqliteWriteCommands> batch)
    {
        try
        {
            Run(batch);
        }
        catch
        {
            // Rolled back: neither the batch's lines nor an indexing of the backlog happened.
            _commands.Backlog.Recount();
            throw;
        }
    }

    private void Run(Action<SqliteWriteCommands> batch)
    {
        // BeginTransaction is BEGIN IMMEDIATE in Microsoft.Data.Sqlite: the write lock is taken up
        // front, and readers on their own connections keep reading the last committed state (WAL).
        using SqliteTransaction transaction = _connection.BeginTransaction();
        _commands.Enlist(transaction);
        try
        {
            batch(_commands);
            if (_commands.Backlog.IsDue)
            {
                _commands.Backlog.Index();
            }
            transaction.Commit();
        }
        finally
        {
            _commands.Enlist(null);
        }
    }

    public void Dispose()
    {
        _commands.Dispose();
        _connection.Dispose();
    }
}
