using System.Globalization;

namespace TuiChat.Client.Core.Settings;

/// <summary>What a setting holds: text, true/false, or a list of words.</summary>
public enum PreferenceKind
{
    Text,
    Switch,
    List,
}

/// <summary>One setting: its section and name as the config file spells them, what it holds, and how it is read and set.</summary>
/// <param name="Check">Null for a good value, else what is wrong with it ("expected one of …").</param>
public sealed record Preference(string Section, string Name, PreferenceKind Kind,
    Func<Preferences, object> Get, Action<Preferences, object> Set, Func<object, string?>? Check = null)
{
    /// <summary>"display.timestamp_format", as <c>/set</c> takes it.</summary>
    public string Key => Section + "." + Name;
}

/// <summary>
/// Every setting of the config file's sections, by name: the one list the file loader, <c>/set</c>
/// and <c>/save-config</c> read, so a key is checked the same way wherever it comes from.
/// </summary>
public sealed class PreferenceCatalog
{
    private readonly Dictionary<string, Preference> _byKey;

    /// <param name="isKey">Whether a key name ("Alt+A") is one the screen understands; the full-screen client knows.</param>
    public PreferenceCatalog(Func<string, bool> isKey)
    {
        ArgumentNullException.ThrowIfNull(isKey);
        List<Preference> all =
        [
            new("display", "timestamp_format", PreferenceKind.Text, p => p.TimestampFormat, (p, v) => p.TimestampFormat = (string)v, CheckTimeFormat),
            new("display", "hide_join_part", PreferenceKind.Switch, p => p.HideJoinPart, (p, v) => p.HideJoinPart = (bool)v),
            new("display", "nick_colors", PreferenceKind.Switch, p => p.NickColours, (p, v) => p.NickColours = (bool)v),
            new("notify", "highlight_words", PreferenceKind.List, p => p.HighlightWords, (p, v) => p.HighlightWords = (IReadOnlyList<string>)v),
            new("notify", "bell", PreferenceKind.Switch, p => p.Bell, (p, v) => p.Bell = (bool)v),
            new("notify", "desktop", PreferenceKind.Text, p => p.Desktop.ToString().ToLowerInvariant(),
                (p, v) => p.Desktop = Enum.Parse<DesktopNotification>((string)v, ignoreCase: true), CheckDesktop),
            new("people", "ignore", PreferenceKind.List, p => p.Ignored, (p, v) => p.Ignored = (IReadOnlyList<string>)v, CheckUsers),
            new("autojoin", "rooms", PreferenceKind.List, p => p.AutojoinRooms, (p, v) => p.AutojoinRooms = (IReadOnlyList<string>)v, CheckRooms),
        ];
        foreach (string role in ThemeColours.Defaults.Keys)
        {
            all.Add(new("theme", role, PreferenceKind.Text, p => p.Theme[role], (p, v) => p.Theme[role] = ((string)v).ToLowerInvariant(), CheckColour));
        }
        foreach (string action in KeyActions.Defaults.Keys)
        {
            all.Add(new("keys", action, PreferenceKind.List, p => p.Keys[action], (p, v) => p.Keys[action] = (IReadOnlyList<string>)v,
                v => ((IReadOnlyList<string>)v).FirstOrDefault(k => !isKey(k)) is { } bad ? $"\"{bad}\" is not a key name (examples: Alt+A, Ctrl+N, F2, Alt+CursorUp)" : null));
        }
        All = all;
        _byKey = all.ToDictionary(p => p.Key, StringComparer.Ordinal);
    }

    /// <summary>In the order <c>/set</c> lists them and <c>/save-config</c> writes them.</summary>
    public IReadOnlyList<Preference> All { get; }

    public Preference? Find(string key) => _byKey.GetValueOrDefault(key);

    public IEnumerable<string> Sections => All.Select(p => p.Section).Distinct();

    /// <summary>
    /// Sets <paramref name="key"/> from a typed value (a string, a bool, or a list of strings, as a
    /// TOML file holds them). Null when it was set, else the one-line reason it was not.
    /// </summary>
    public string? TrySet(Preferences preferences, string key, object value)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        if (Find(key) is not { } preference)
        {
            return $"{key}: unknown setting (/set lists them)";
        }
        object? typed = preference.Kind switch
        {
            PreferenceKind.Switch => value as bool?,
            PreferenceKind.List => value as IReadOnlyList<string> ?? (value is string one ? [one] : null),
            _ => value as string,
        };
        if (typed is null)
        {
            return $"{key}: expected {KindText(preference.Kind)}";
        }
        if (preference.Check?.Invoke(typed) is { } problem)
        {
            return $"{key}: {problem}";
        }
        preference.Set(preferences, typed);
        preferences.RaiseChanged(key);
        return null;
    }

    /// <summary><c>/set key value</c>: the value as typed (on/off, words separated by commas or spaces).</summary>
    public string? TrySetFromText(Preferences preferences, string key, string text)
    {
        object value = Find(key)?.Kind switch
        {
            PreferenceKind.Switch => ParseSwitch(text) is { } on ? on : text,
            PreferenceKind.List => (IReadOnlyList<string>)text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => text.Trim(),
        };
        return TrySet(preferences, key, value);
    }

    /// <summary>"display.timestamp_format = HH:mm", as <c>/set</c> lists it.</summary>
    public static string Describe(Preference preference, Preferences preferences) =>
        $"{preference.Key} = {ValueText(preference.Get(preferences))}";

    public static string ValueText(object value) => value switch
    {
        bool on => on ? "on" : "off",
        IReadOnlyList<string> list => string.Join(", ", list),
        _ => value.ToString() ?? "",
    };

    private static bool? ParseSwitch(string text) => text.Trim().ToLowerInvariant() switch
    {
        "on" or "true" or "yes" or "1" => true,
        "off" or "false" or "no" or "0" => false,
        _ => null,
    };

    private static string KindText(PreferenceKind kind) => kind switch
    {
        PreferenceKind.Switch => "true or false",
        PreferenceKind.List => "a list of strings",
        _ => "a string",
    };

    private static string? CheckTimeFormat(object value)
    {
        string format = (string)value;
        try
        {
            return format.Length == 0 ? "must not be empty" : DateTime.UnixEpoch.ToString(format, CultureInfo.InvariantCulture).Length > 40
                ? "makes a time longer than 40 characters" : null;
        }
        catch (FormatException)
        {
            return $"\"{format}\" is not a date format (examples: HH:mm, HH:mm:ss, hh:mm tt)";
        }
    }

    private static string? CheckDesktop(object value) =>
        Enum.TryParse((string)value, ignoreCase: true, out DesktopNotification _) && !int.TryParse((string)value, out _)
            ? null : "expected one of off, osc777, osc9, both";

    private static string? CheckRooms(object value) =>
        ((IReadOnlyList<string>)value).FirstOrDefault(r => !TuiChat.Protocol.NameRules.TryValidateRoom(TuiChat.Protocol.NameRules.IsRoomName(r) ? r : "#" + r, out _)) is { } bad
            ? $"\"{bad}\" is not a room name" : null;

    private static string? CheckUsers(object value) =>
        ((IReadOnlyList<string>)value).FirstOrDefault(u => !TuiChat.Protocol.NameRules.TryNormalizeUser(u, out _, out _)) is { } bad
            ? $"\"{bad}\" is not a user name" : null;

    private static string? CheckColour(object value) =>
        ThemeColours.IsColour((string)value) ? null : $"\"{value}\" is not a colour; use one of {string.Join(", ", ThemeColours.Names)}";

}
