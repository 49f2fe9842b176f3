namespace TuiChat.Client.Core.Settings;

/// <summary>Which desktop-notification escape sequences the client writes (<c>[notify] desktop</c>).</summary>
public enum DesktopNotification
{
    Off,

    /// <summary><c>OSC 777;notify;title;body</c> (urxvt, foot, WezTerm, Ghostty, VTE terminals).</summary>
    Osc777,

    /// <summary><c>OSC 9;text</c> (iTerm2, Windows Terminal, kitty, ConEmu).</summary>
    Osc9,

    Both,
}

/// <summary>
/// The user's settings from the config file's sections, changed for the session by <c>/set</c>
/// and written back by <c>/save-config</c>. <see cref="PreferenceCatalog"/> names, checks and
/// prints every one. UI thread only; <see cref="Changed"/> says which key changed.
/// </summary>
public sealed class Preferences
{
    public const string DefaultTimestampFormat = "HH:mm";

    /// <summary>A .NET date format for the time column (<c>[display] timestamp_format</c>).</summary>
    public string TimestampFormat { get; set; } = DefaultTimestampFormat;

    /// <summary>Join and leave lines show only for users who spoke in that conversation recently (<c>[display] hide_join_part</c>).</summary>
    public bool HideJoinPart { get; set; }

    /// <summary>Each sender's name in its own colour (<c>[display] nick_colors</c>, see <see cref="NickColours"/>).</summary>
    public bool NickColours { get; set; } = true;

    /// <summary>Words that highlight a line like the user's own name (<c>[notify] highlight_words</c>).</summary>
    public IReadOnlyList<string> HighlightWords { get; set; } = [];

    /// <summary>Ring the terminal bell on a direct message or highlight (<c>[notify] bell</c>).</summary>
    public bool Bell { get; set; } = true;

    public DesktopNotification Desktop { get; set; } = DesktopNotification.Off;

    /// <summary>Rooms joined after every login (<c>[autojoin] rooms</c>).</summary>
    public IReadOnlyList<string> AutojoinRooms { get; set; } = [];

    /// <summary>Users whose messages and files this client does not show (<c>[people] ignore</c>, <c>/ignore</c>).</summary>
    public IReadOnlyList<string> Ignored { get; set; } = [];

    /// <summary>Keys of each action (<c>[keys]</c>): action name → key names such as "Alt+A".</summary>
    public Dictionary<string, IReadOnlyList<string>> Keys { get; } = new(KeyActions.Defaults, StringComparer.Ordinal);

    /// <summary>Colour of each screen role (<c>[theme]</c>): role → one of <see cref="ThemeColours.Names"/>.</summary>
    public Dictionary<string, string> Theme { get; } = new(ThemeColours.Defaults, StringComparer.Ordinal);

    /// <summary>Raised with the full key ("display.timestamp_format") after <c>/set</c> or a load changed it.</summary>
    public event EventHandler<string>? Changed;

    internal void RaiseChanged(string key) => Changed?.Invoke(this, key);
}
