namespace TuiChat.Client.Core.ViewModels;

/// <summary>Client-side choices the view-models need besides the connection.</summary>
public sealed record ChatSettings
{
    /// <summary>Lines a conversation keeps by default; older ones are fetched again from history on PageUp.</summary>
    public const int DefaultMaxLines = 2000;

    /// <summary>Where <c>/save</c> writes; created when first needed. Nothing is ever written outside it.</summary>
    public string DownloadsFolder { get; init; } = "client_downloads";

    /// <summary>Messages fetched when a conversation opens and per <c>LoadOlder</c>.</summary>
    public int HistoryPageSize { get; init; } = TuiChat.Protocol.ProtocolLimits.DefaultHistoryLimit;

    /// <summary>The newest lines each conversation keeps in memory (<c>--max-lines</c>).</summary>
    public int MaxLinesPerConversation { get; init; } = DefaultMaxLines;

    /// <summary>Appended to the status line, e.g. the full-screen client's " · F1 help · Ctrl+Q quit".</summary>
    public string StatusHint { get; init; } = "";

    /// <summary>Clock and local time zone for "HH:mm" stamps.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Spells the day-change lines' dates ("Tuesday, 1 December 2026"); the user's culture by default.</summary>
    public System.Globalization.CultureInfo Culture { get; init; } = System.Globalization.CultureInfo.CurrentCulture;

    /// <summary>End-to-end encrypted direct messages for a registered account; null (guests) sends them plain.</summary>
    public Encryption.EndToEndOptions? EndToEnd { get; init; }

    /// <summary>The config file's settings; <c>/set</c> changes them for the session.</summary>
    public Settings.Preferences Preferences { get; init; } = new();

    /// <summary>Names and checks every setting of <see cref="Preferences"/> for <c>/set</c>.</summary>
    public Settings.PreferenceCatalog Catalog { get; init; } = new(_ => true);

    /// <summary>Where <c>/save-config</c> writes; null when there is nowhere to save.</summary>
    public Settings.IPreferenceStore? Store { get; init; }

    /// <summary>Lines to show once at start, such as what was wrong in the config file.</summary>
    public IReadOnlyList<string> StartupNotices { get; init; } = [];

    /// <summary><paramref name="time"/> in the local time zone, in <c>[display] timestamp_format</c> ("HH:mm").</summary>
    public string TimeText(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, Time.LocalTimeZone).ToString(Preferences.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><paramref name="time"/> in the local time zone with its day, "2026-11-22 09:30", for times that may be days old (last seen, search results).</summary>
    public string DayAndTimeText(DateTimeOffset time) =>
        TimeZoneInfo.ConvertTime(time, Time.LocalTimeZone).ToString("yyyy-MM-dd " + Preferences.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture);
}
