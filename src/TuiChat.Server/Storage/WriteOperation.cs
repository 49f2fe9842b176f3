namespace TuiChat.Server.Storage;

/// <summary>
/// One queued write. <see cref="Execute"/> runs on the writer thread inside a batch transaction
/// and may run again if the batch is retried; its task completes only after the COMMIT that
/// contains it, never earlier, and never on the writer thread: <see cref="GroupCommitWriter{TCommands}"/>
/// completes a whole batch from one thread-pool work item.
/// </summary>
internal abstract class WriteOperation<TCommands>
{
    public abstract void Execute(TCommands commands);

    public abstract void Committed();

    public abstract void Failed(Exception error);
}

internal sealed class WriteOperation<TCommands, T>(Func<TCommands, T> work) : WriteOperation<TCommands>
{
    // Continuations run on the thread that completes the operation, the batch's thread-pool work
    // item: one hand-off per batch instead of one per line (each was a work item and often a wake-up).
    private readonly TaskCompletionSource<T> _done = new();
    private T _result = default!;

    public Task<T> Task => _done.Task;

    public override void Execute(TCommands commands) => _result = work(commands);

    public override void Committed() => _done.TrySetResult(_result);

    public override void Failed(Exception error) => _done.TrySetException(error);
}
