namespace TuiChat.Server.Storage;

/// <summary>
/// The single writer of the database. Any thread enqueues an operation; one dedicated thread takes
/// everything queued so far and runs it in one transaction (group commit), then completes each
/// operation's task after the COMMIT. Under load the queue fills while the previous COMMIT waits
/// for the disk, so batches grow by themselves and one fsync covers many messages. At a moderate
/// rate they do not: each line would come alone and pay a whole commit (with SQLite's default
/// durability, an fsync). So a lone operation waits up to the commit delay for company first;
/// lines are delivered before their commit, only their acknowledgement waits.
/// The database behind it is an <see cref="IWriteTransactions{TCommands}"/> (SQLite, PostgreSQL).
/// </summary>
internal sealed class GroupCommitWriter<TCommands> : IDisposable
{
    private readonly IWriteTransactions<TCommands> _database;
    private readonly Thread _thread;
    private readonly TimeSpan _commitDelay;
    private readonly object _gate = new();
    private List<WriteOperation<TCommands>> _queue = [];
    private List<WriteOperation<TCommands>> _spare = [];
    private bool _stopping;
    private long _committedBatches;

    /// <summary>Takes ownership of <paramref name="database"/>; its transactions run on a thread named <paramref name="threadName"/>.</summary>
    /// <param name="commitDelay">How long a lone operation waits for others to share its commit; zero commits it at once.</param>
    public GroupCommitWriter(IWriteTransactions<TCommands> database, string threadName, TimeSpan commitDelay = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(commitDelay, TimeSpan.Zero);
        _database = database;
        _commitDelay = commitDelay;
        _thread = new Thread(Run) { Name = threadName, IsBackground = true };
        _thread.Start();
    }

    /// <summary>The commit delay as the server's start line shows it.</summary>
    public string CommitDelayDescription => $"commit delay {_commitDelay.TotalMilliseconds:0} ms";

    /// <summary>Transactions committed so far; with group commit this stays well below the operation count.</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>Queues a write that returns nothing; the task completes when it is committed.</summary>
    public Task Write(Action<TCommands> work) =>
        Enqueue(commands =>
        {
            work(commands);
            return true;
        });

    public Task<T> Enqueue<T>(Func<TCommands, T> work)
    {
        var operation = new WriteOperation<TCommands, T>(work);
        lock (_gate)
        {
            if (_stopping)
            {
                return Task.FromException<T>(new ObjectDisposedException(nameof(IChatStore)));
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
        _database.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            List<WriteOperation<TCommands>>? batch = null;
            bool stop;
            lock (_gate)
            {
                while (_queue.Count == 0 && !_stopping && WaitLocked())
                {
                }

                if (_queue.Count == 1 && !_stopping && _commitDelay > TimeSpan.Zero)
                {
                    // Enqueue wakes this thread only for a first operation and Dispose for a stop:
                    // the wait lasts the whole delay unless the writer is stopping.
                    Monitor.Wait(_gate, _commitDelay);
                }

                stop = _stopping && _queue.Count == 0;
                if (_queue.Count > 0)
                {
                    batch = _queue;
                    _queue = _spare;
                }
            }

            if (batch is null)
            {
                // Quiet, or stopping with nothing queued: what the database put off is due.
                RunDeferredWork();
                if (stop)
                {
                    return;
                }
                continue;
            }

            Write(batch);
            batch.Clear();
            _spare = batch;
        }
    }

    /// <summary>Waits for an operation or a stop; false when the database's put-off work fell due first.</summary>
    private bool WaitLocked()
    {
        TimeSpan? due = _database.DeferredWorkDueIn;
        if (due is null)
        {
            Monitor.Wait(_gate);
            return true;
        }
        return due > TimeSpan.Zero && Monitor.Wait(_gate, due.Value);
    }

    private void RunDeferredWork()
    {
        if (_database.DeferredWorkDueIn is null)
        {
            return;
        }
        try
        {
            _database.RunDeferredWork();
        }
        catch (Exception)
        {
            // Nothing is lost: the put-off work stays (SQLite: the lines stay in the search backlog,
            // which the next due batch or search indexes, failing its own operations if the database
            // is broken), and the writer thread must live on for every other write.
        }
    }

    private void Write(List<WriteOperation<TCommands>> batch)
    {
        try
        {
            Commit(batch);
        }
        catch (Exception error) when (batch.Count == 1)
        {
            WriteOperation<TCommands> failed = batch[0];
            Complete(() => failed.Failed(error));
            return;
        }
        catch (Exception)
        {
            // One bad operation (say, a duplicate id) must not fail its neighbours: the whole
            // batch was rolled back, so retry each one alone and fail only the guilty.
            foreach (WriteOperation<TCommands> operation in batch)
            {
                Write([operation]);
            }

            return;
        }

        Interlocked.Increment(ref _committedBatches);
        WriteOperation<TCommands>[] committed = [.. batch];
        Complete(() =>
        {
            foreach (WriteOperation<TCommands> operation in committed)
            {
                operation.Committed();
            }
        });
    }

    /// <summary>
    /// Completes operations on a thread-pool thread, where their continuations (acknowledgements,
    /// forgetting an uncommitted line) run: never on this thread, which would stall every other
    /// connection's commit behind them, and one work item for a whole batch, in its order.
    /// </summary>
    private static void Complete(Action complete) => ThreadPool.UnsafeQueueUserWorkItem(_ => complete(), null);

    private void Commit(List<WriteOperation<TCommands>> batch) =>
        _database.RunInTransaction(commands =>
        {
            foreach (WriteOperation<TCommands> operation in batch)
            {
                operation.Execute(commands);
            }
        });
}
