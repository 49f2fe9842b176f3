using Terminal.Gui.Input;

namespace TuiChat.Client.Tui;

/// <summary>
/// Left-button mouse events. The side panes swallow all of them so that their lists never take
/// the focus from the input line, and act only on the click they care about.
/// </summary>
internal static class LeftButton
{
    private const MouseFlags Any = MouseFlags.LeftButtonPressed | MouseFlags.LeftButtonReleased
        | MouseFlags.LeftButtonClicked | MouseFlags.LeftButtonDoubleClicked;

    public static bool IsInvolved(MouseFlags flags) => (flags & Any) != 0;
}
