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
        ("Shift+Enter / Alt+Enter", "new line in the message (the input grows to 5 rows, then scrolls)"),
        ("paste", "goes into the input as it is, lines and all; nothing is sent until Enter"),
        ("Tab", "complete a user, #room or /command name; Tab again: the next match"),
        ("Shift+Tab", "move between the input, rooms, log and users panes"),
        ("Up / Down", "empty input (or recalling): earlier lines you sent; else the row above / below"),
        ("Left / Right, Home / End", "move by character; start / end of the line"),
        ("Ctrl+A / Ctrl+E", "start / end of the line"),
        ("Ctrl+B / Ctrl+F", "back / forward one character"),
        ("Alt+B / Alt+F", "back / forward one word (also Ctrl+Left / Ctrl+Right)"),
        ("Backspace / Delete", "delete the character before / under the cursor (also Ctrl+D)"),
        ("Ctrl+W", "delete the word before the cursor (also Alt+Backspace)"),
        ("Ctrl+U / Ctrl+K", "delete to the start / end of the line"),
        ("Esc", "clear the input line"),
        ("Ctrl+L", "repaint the whole screen"),
        ("Alt+Up / Alt+Down", "previous / next conversation (also Ctrl+P / Ctrl+N)"),
        ("Alt+A", "next conversation with a highlight, then with unread messages"),
        ("Alt+1 … Alt+9", "the conversation at that position"),
        ("Ctrl+R", "search the history (puts /search in the input; Enter on a result opens it)"),
        ("[keys] in config.toml", "changes these keys (/set keys lists them)"),
        ("PageUp / PageDown", "scroll the log; PageUp at the top loads older history"),
        ("End / Ctrl+End", "scrolled up: back to the newest line (\"N new ↓\" counts what arrived)"),
        ("F1", "this help"),
        ("F5", "save the newest file offered in this conversation (as /save)"),
        ("Ctrl+Q", "quit (also /quit)"),
        ("typing in a side pane", "the key goes to the input line"),
        ("Enter in rooms / users", "open that room / a direct conversation with that user"),
        ("click a room / double-click a user", "open it / a direct conversation with them"),
        ("mouse wheel", "scroll the log"),
    ];
}
