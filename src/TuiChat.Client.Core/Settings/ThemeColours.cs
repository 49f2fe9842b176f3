namespace TuiChat.Client.Core.Settings;

/// <summary>
/// The colour roles of the screen a <c>[theme]</c> section may set, their defaults, and the 16
/// standard colour names a value may take (the only colours the client uses, see Palette).
/// </summary>
public static class ThemeColours
{
    /// <summary>The 16 standard colours, as Terminal.Gui names them (ColorName16), lower case.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "black", "blue", "green", "cyan", "red", "magenta", "yellow", "gray",
        "darkgray", "brightblue", "brightgreen", "brightcyan", "brightred", "brightmagenta", "brightyellow", "white",
    ];

    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["text"] = "white",
        ["own"] = "brightcyan",
        ["mention"] = "brightyellow",
        ["join_part"] = "darkgray",
        ["notice"] = "green",
        ["file"] = "brightmagenta",
        ["room"] = "gray",
        ["group"] = "magenta",
        ["direct"] = "cyan",
        ["activity"] = "brightyellow",
    };

    public static bool IsColour(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);
}
