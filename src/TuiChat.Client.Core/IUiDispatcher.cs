namespace TuiChat.Client.Core;

/// <summary>
/// The one way view-models touch UI state from other threads. The full-screen client posts onto
/// the Terminal.Gui loop (<c>app.Invoke</c>); tests and the menu client use
/// <see cref="InlineUiDispatcher"/>. View-models mutate their observable state only inside
/// <see cref="Post"/>, so a UI never sees a collection change on a foreign thread.
/// </summary>
public interface IUiDispatcher
{
    /// <summary>
    /// Runs <paramref name="action"/> on the UI thread. When called on the UI thread it must run the
    /// action at once (inline), so that UI code sees its own changes immediately; from other
    /// threads it queues the action and returns without waiting for it.
    /// </summary>
    void Post(Action action);
}
