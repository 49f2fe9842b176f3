using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace TuiChat.Client.Tui;

/// <summary>
/// Whether input the terminal sent is already waiting behind the key being handled. Terminal.Gui
/// reads the terminal on its own thread into a queue and the UI loop takes the keys out one by one,
/// so while a key is handled the rest of what has arrived is still in that queue.
/// </summary>
internal static class PendingInput
{
    /// <summary>A check of <paramref name="app"/>'s input queue; always false for a driver whose queue is not reachable.</summary>
    public static Func<bool> Of(IApplication app) => app.Driver?.GetInputProcessor() switch
    {
        InputProcessorImpl<char> ansi => () => !ansi.InputQueue.IsEmpty,
        InputProcessorImpl<ConsoleKeyInfo> dotnet => () => !dotnet.InputQueue.IsEmpty,
        _ => () => false,
    };
}
