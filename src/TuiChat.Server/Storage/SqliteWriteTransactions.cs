using Microsoft.Data.Sqlite;

namespace TuiChat.Server.Storage;

/// <summary>The SQLite writer connection and its statements, for <see cref="GroupCommitWriter{TCommands}"/>.</summary>
internal sealed class SqliteWriteTransactions(SqliteConnection connection) : IWriteTransactions<SqliteWriteCommands>
{
    private readonly SqliteWriteCommands _commands = new(connection);

    public void RunInTransaction(Action<SqliteWriteCommands> batch)
    {
        // BeginTransaction is BEGIN IMMEDIATE in Microsoft.Data.Sqlite: the write lock is taken up
        // front, and readers on their own connections keep reading the last committed state (WAL).
        using SqliteTransaction transaction = connection.BeginTransaction();
        _commands.Enlist(transaction);
        try
        {
            batch(_commands);
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
        connection.Dispose();
    }
}
