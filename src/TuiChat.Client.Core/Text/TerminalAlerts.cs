using System.Text;
using TuiChat.Client.Core.Settings;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Core.Text;

/// <summary>
/// The bytes an <see cref="Alert"/> becomes on the terminal: BEL, <c>OSC 777;notify;title;body</c>
/// and/or <c>OSC 9;text</c>, each OSC ended with ST. The text is already free of control
/// characters (<see cref="TextSanitizer"/>, <see cref="Attention"/>); ';' in the title would start
/// the body early, so it becomes ','.
/// </summary>
public static class TerminalAlerts
{
    public const string Bell = "\a";

    /// <summary>Asks the terminal to report focus changes as <c>ESC[I</c> / <c>ESC[O</c>.</summary>
    public const string EnableFocusEvents = "\e[?1004h";

    public const string DisableFocusEvents = "\e[?1004l";

    public const string FocusIn = "\e[I";

    public const string FocusOut = "\e[O";

    public static string Sequences(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var output = new StringBuilder();
        if (alert.Desktop is DesktopNotification.Osc777 or DesktopNotification.Both)
        {
            output.Append("\e]777;notify;").Append(Clean(alert.Title).Replace(';', ',')).Append(';').Append(Clean(alert.Body)).Append("\e\\");
        }
        if (alert.Desktop is DesktopNotification.Osc9 or DesktopNotification.Both)
        {
            output.Append("\e]9;").Append(Clean(alert.Title)).Append(": ").Append(Clean(alert.Body)).Append("\e\\");
        }
        if (alert.Bell)
        {
            output.Append('\a');
        }
        return output.ToString();
    }

    /// <summary>Defence in depth: nothing that could end the sequence early reaches it.</summary>
    private static string Clean(string text) =>
        new(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
}
