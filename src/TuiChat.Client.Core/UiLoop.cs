namespace TuiChat.Client.Core;

/// <summary>
/// A single-threaded loop for a client without a UI framework (the menu client): the thread that
/// calls <see cref="Run{T}"/> runs the client's main task, every posted action and every await
/// continuation of that task, one at a time, like Terminal.Gui's loop does for the full-screen
/// client. Other threads (the connection's reader, stdin) only queue work here.
/// </summary>
public sealed class UiLoop : SynchronizationContext, IUiDispatcher
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly object _gate = new(); // Monitor.Wait needs a plain monitor
    private int _threadId = -1;
    private bool _done;

    /// <summary>True on the thread that runs the loop.</summary>
    public bool IsLoopThread => Environment.CurrentManagedThreadId == Volatile.Read(ref _threadId);

    /// <summary>Runs <paramref name="main"/> and the work queued to this loop on the calling thread until the task ends.</summary>
    public T Run<T>(Func<Task<T>> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        SynchronizationContext? previous = Current;
        SetSynchronizationContext(this);
        Volatile.Write(ref _threadId, Environment.CurrentManagedThreadId);
        try
        {
            Task<T> task = main();
            task.ContinueWith(_ => Stop(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (Take() is { } work)
            {
                work.Callback(work.State);
            }
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    /// <summary>On the loop thread the action runs at once; from any other thread it is queued. Dropped once the loop ended.</summary>
    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (IsLoopThread)
        {
            action();
            return;
        }
        Enqueue(_ => action(), null);
    }

    /// <summary>Await continuations: always queued, so they run after the current piece of work.</summary>
    public override void Post(SendOrPostCallback d, object? state) => Enqueue(d, state);

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("the loop never blocks a thread on another's work");

    public override SynchronizationContext CreateCopy() => this;

    private void Enqueue(SendOrPostCallback callback, object? state)
    {
        lock (_gate)
        {
            if (_done)
            {
                return;
            }
            _queue.Enqueue((callback, state));
            Monitor.Pulse(_gate);
        }
    }

    private void Stop()
    {
        lock (_gate)
        {
            _done = true;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>The next piece of work; null once the main task ended and the queue is drained.</summary>
    private (SendOrPostCallback Callback, object? State)? Take()
    {
        lock (_gate)
        {
            while (_queue.Count == 0 && !_done)
            {
                Monitor.Wait(_gate);
            }
            return _queue.Count > 0 ? _queue.Dequeue() : null;
        }
    }
}
