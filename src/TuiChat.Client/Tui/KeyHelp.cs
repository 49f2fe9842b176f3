namespace TuiChat.Client.Tui;

/// <summary>
/// Every key and mouse action of the full-screen client, as the help dialog lists them.
/// <see cref="ChatWindow"/> implements exactly these; keep the two in step.
/// </summary>
internal static class KeyHelp
{
    public static IReadOnlyList<(string Keys, string Action)> Keys { get; } =
    [
        ("Enter", "send the line (text, or a /command)"),
        ("Tab", "in the input with a partial word: complete a user, room or /command name"),
        ("Tab / Shift+Tab", "otherwise: move between the input, rooms, log and users panes"),
        ("Alt+Up / Alt+Down", "previous / next conversation (also Ctrl+P / Ctrl+N)"),
        ("PageUp / PageDown", "scroll the log; PageUp at the top loads older history"),
        ("Up / Down", "in an empty input: recall earlier lines you typed"),
        ("Esc", "clear the input line"),
        ("F1", "this help"),
        ("F5", "save the newest file offered in this conversation (as /save)"),
        ("Ctrl+Q", "quit (also /quit)"),
        ("Enter in rooms / users", "open that room / a direct conversation with that user"),
        ("click a room", "open it"),
        ("double-click a user", "open a direct conversation with them"),
        ("mouse wheel", "scroll the log"),
    ];
}
