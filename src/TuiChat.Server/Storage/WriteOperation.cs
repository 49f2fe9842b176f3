namespace TuiChat.Server.Storage;

/// <summary>
/// One queued write. <see cref="Execute"/> runs on the writer thread inside a batch transaction
/// and may run again if the batch is retried; its task completes only after the COMMIT that
/// contains it, never earlier.
/// </summary>
internal abstract class WriteOperation<TCommands>
{
    public abstract void Execute(TCommands commands);

    public abstract void Committed();

    public abstract void Failed(Exception error);
}

internal sealed class WriteOperation<TCommands, T>(Func<TCommands, T> work) : WriteOperation<TCommands>
{
    // Continuations must not run on the writer thread: it would stall every other connection's ack.
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _done.Task;

    public override void Execute(TCommands commands) => _result = work(commands);

    public override void Committed() => _done.TrySetResult(_result);

    public override void Failed(Exception error) => _done.TrySetException(error);
}
