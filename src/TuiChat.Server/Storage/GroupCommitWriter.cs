using Microsoft.Data.Sqlite;

namespace TuiChat.Server.Storage;

/// <summary>
/// The single writer of the database. Any thread enqueues an operation; one dedicated thread takes
/// everything queued so far and runs it in one transaction (group commit), then completes each
/// operation's task after the COMMIT. Under load the queue fills while the previous COMMIT waits
/// for the disk, so batches grow by themselves and one fsync covers many messages.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteWriteCommands _commands;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private List<SqliteWriteOperation> _queue = [];
    private List<SqliteWriteOperation> _spare = [];
    private bool _stopping;
    private long _committedBatches;
    private long _committedOperations;

    /// <summary>Takes ownership of <paramref name="connection"/> (open, migrated).</summary>
    public GroupCommitWriter(SqliteConnection connection)
    {
        _connection = connection;
        _commands = new SqliteWriteCommands(connection);
        _thread = new Thread(Run) { Name = "sqlite-writer", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Transactions committed so far; with group commit this stays well below the operation count.</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    public long CommittedOperations => Interlocked.Read(ref _committedOperations);

    public Task<T> Enqueue<T>(Func<SqliteWriteCommands, T> work)
    {
        var operation = new SqliteWriteOperation<T>(work);
        lock (_gate)
        {
            if (_stopping)
            {
                return Task.FromException<T>(new ObjectDisposedException(nameof(SqliteChatStore)));
            }

            _queue.Add(operation);
            if (_queue.Count == 1)
            {
                Monitor.Pulse(_gate);
            }
        }

        return operation.Task;
    }

    /// <summary>Commits everything already queued, then closes the connection.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }

        _thread.Join();
        _commands.Dispose();
        _connection.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            List<SqliteWriteOperation> batch;
            lock (_gate)
            {
                while (_queue.Count == 0 && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_queue.Count == 0)
                {
                    return;
                }

                batch = _queue;
                _queue = _spare;
            }

            Write(batch);
            batch.Clear();
            _spare = batch;
        }
    }

    private void Write(List<SqliteWriteOperation> batch)
    {
        try
        {
            Commit(batch);
        }
        catch (Exception error) when (batch.Count == 1)
        {
            batch[0].Failed(error);
            return;
        }
        catch (Exception)
        {
            // One bad operation (say, a duplicate id) must not fail its neighbours: the whole
            // batch was rolled back, so retry each one alone and fail only the guilty.
            foreach (SqliteWriteOperation operation in batch)
            {
                Write([operation]);
            }

            return;
        }

        Interlocked.Increment(ref _committedBatches);
        Interlocked.Add(ref _committedOperations, batch.Count);
        foreach (SqliteWriteOperation operation in batch)
        {
            operation.Committed();
        }
    }

    private void Commit(List<SqliteWriteOperation> batch)
    {
        // BeginTransaction is BEGIN IMMEDIATE in Microsoft.Data.Sqlite: the write lock is taken up
        // front, and readers on their own connections keep reading the last committed state (WAL).
        using SqliteTransaction transaction = _connection.BeginTransaction();
        _commands.Enlist(transaction);
        try
        {
            foreach (SqliteWriteOperation operation in batch)
            {
                operation.Execute(_commands);
            }

            transaction.Commit();
        }
        finally
        {
            _commands.Enlist(null);
        }
    }
}
