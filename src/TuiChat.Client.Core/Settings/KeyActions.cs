namespace TuiChat.Client.Core.Settings;

/// <summary>
/// Every action of the full-screen client a key can be bound to (<c>[keys]</c> in the config file),
/// with its default keys in Terminal.Gui's spelling ("Alt+CursorUp", "Ctrl+P", "F1"). Editing keys
/// of the input line (Ctrl+A, Ctrl+W…) are the input's own and not listed here.
/// </summary>
public static class KeyActions
{
    public const string Help = "help";
    public const string Save = "save";
    public const string Previous = "previous";
    public const string Next = "next";
    public const string NextActivity = "next_activity";
    public const string Search = "search";
    public const string PageUp = "page_up";
    public const string PageDown = "page_down";
    public const string Bottom = "bottom";
    public const string Redraw = "redraw";
    public const string Quit = "quit";

    /// <summary>"jump_1" … "jump_9": the conversation at that position in the rooms pane.</summary>
    public static string Jump(int position) => "jump_" + position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>1 … 9 for "jump_1" … "jump_9", else null.</summary>
    public static int? JumpPosition(string action) =>
        action.StartsWith("jump_", StringComparison.Ordinal) && int.TryParse(action.AsSpan(5), out int position) && position is >= 1 and <= 9
            ? position : null;

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Defaults { get; } = BuildDefaults();

    private static Dictionary<string, IReadOnlyList<string>> BuildDefaults()
    {
        var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            [Help] = ["F1"],
            [Save] = ["F5"],
            [Previous] = ["Alt+CursorUp", "Ctrl+P"],
            [Next] = ["Alt+CursorDown", "Ctrl+N"],
            [NextActivity] = ["Alt+A"],
            [Search] = ["Ctrl+R"],
            [PageUp] = ["PageUp"],
            [PageDown] = ["PageDown"],
            [Bottom] = ["End", "Ctrl+End"],
            [Redraw] = ["Ctrl+L"],
            [Quit] = ["Ctrl+Q"],
        };
        for (int position = 1; position <= 9; position++)
        {
            keys[Jump(position)] = ["Alt+D" + position.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }
        return keys;
    }
}
