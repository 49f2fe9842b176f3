using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Tui;

/// <summary>
/// Every string from the network or the user on its way to a view: sanitised (no control
/// characters) and fitted to the terminal (<see cref="TerminalProfile.Fit"/>), so that the
/// columns Terminal.Gui lays a row out by are the columns the terminal draws it in.
/// </summary>
internal static class ScreenText
{
    /// <summary>Set once, before the screen starts, from <see cref="TerminalProbe"/>.</summary>
    public static TerminalProfile Profile { get; set; } = TerminalProfile.Default;

    /// <summary>One row: line ends show as "⏎".</summary>
    public static string Line(string? text) => Profile.Fit(TextSanitizer.ForLine(text));

    /// <summary>Message text: line ends stay, for the log to show each line on its own row.</summary>
    public static string Text(string? text) => Profile.Fit(TextSanitizer.ForText(text));
}
