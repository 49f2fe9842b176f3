using Npgsql;

namespace TuiChat.Server.Storage.Postgres;

/// <summary>
/// The PostgreSQL writer connection, for <see cref="GroupCommitWriter{TCommands}"/>. A connection
/// lost with the server (a restart, a network cut) fails its batch; the next batch opens a new one,
/// so the writer carries on once PostgreSQL is back.
/// </summary>
internal sealed class PostgresWriteTransactions(NpgsqlDataSource dataSource) : IWriteTransactions<PostgresWriteCommands>
{
    private NpgsqlConnection? _connection;
    private PostgresWriteCommands? _commands;

    public void RunInTransaction(Action<PostgresWriteCommands> batch)
    {
        if (_connection is not { State: System.Data.ConnectionState.Open })
        {
            _connection?.Dispose();
            _connection = dataSource.OpenConnection();
            _commands = new PostgresWriteCommands(_connection);
        }

        using NpgsqlTransaction transaction = _connection.BeginTransaction();
        batch(_commands!);
        transaction.Commit();
    }

    public void Dispose() => _connection?.Dispose();
}
