using Terminal.Gui.App;
using TuiChat.Client.Core;

namespace TuiChat.Client.Tui;

/// <summary>
/// Marshals view-model updates onto the Terminal.Gui loop with <c>app.Invoke</c>; on the loop's
/// own thread the action runs at once, as <see cref="IUiDispatcher"/> requires, so a key handler
/// sees the view-model's changes before it returns.
/// <c>Invoke</c> throws once the application is disposed, and the connection's reader thread can
/// still deliver a frame while the client shuts down, so posts after <see cref="Close"/> are
/// dropped: there is no screen left to update. The lock makes "closed" final: once Close
/// returns, no Invoke is running or can start.
/// </summary>
internal sealed class TuiDispatcher(IApplication app) : IUiDispatcher
{
    private readonly Lock _gate = new();
    private bool _closed;

    public void Post(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (Environment.CurrentManagedThreadId == app.MainThreadId)
        {
            if (!Volatile.Read(ref _closed))
            {
                action();
            }
            return;
        }
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }
            // Invoke only queues the action; the lock is held for microseconds.
            app.Invoke(() =>
            {
                if (!Volatile.Read(ref _closed))
                {
                    action();
                }
            });
        }
    }

    /// <summary>Stops all further posts; call before the application is disposed.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
        }
    }
}
