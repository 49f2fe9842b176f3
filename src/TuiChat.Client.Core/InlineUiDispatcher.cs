namespace TuiChat.Client.Core;

/// <summary>
/// Runs every posted action at once on the calling thread, serialised by a lock so that actions
/// posted from the connection's reader thread and from the caller never interleave.
/// For tests and for the menu client, which has no UI loop.
/// </summary>
public sealed class InlineUiDispatcher : IUiDispatcher
{
    private readonly Lock _gate = new();

    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            action();
        }
    }
}
