using System.Text;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.Settings;

/// <summary>
/// A colour per sender name (<c>[display] nick_colors</c>), so a busy room reads at a glance: the
/// same name always gets the same colour (a hash of the name as the server compares it, stable
/// across runs and machines), the user's own name always its <c>own</c> theme colour and no one
/// else ever that colour. The name is still written: colour is never the only way to tell.
/// </summary>
public static class NickColours
{
    /// <summary>
    /// Colours readable on a dark and on a light background (no black, white, greys, dark blue,
    /// bright yellow, green or cyan), in the 16 standard colours every terminal has.
    /// </summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["green", "cyan", "magenta", "yellow", "red", "brightblue", "brightmagenta", "brightred"];

    /// <summary>The colour name (of <see cref="ThemeColours.Names"/>) for <paramref name="sender"/>, as the user <paramref name="self"/> sees it.</summary>
    /// <param name="theme">The <c>[theme]</c> colours: "own" is the user's, "mention" stays for lines that name the user.</param>
    public static string For(string sender, string self, IReadOnlyDictionary<string, string> theme)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(theme);
        string own = theme.GetValueOrDefault("own") ?? ThemeColours.Defaults["own"];
        if (NameRules.Key(sender) == NameRules.Key(self ?? ""))
        {
            return own;
        }
        string mention = theme.GetValueOrDefault("mention") ?? ThemeColours.Defaults["mention"];
        string[] usable = Palette.Where(c => !c.Equals(own, StringComparison.OrdinalIgnoreCase) && !c.Equals(mention, StringComparison.OrdinalIgnoreCase)).ToArray();
        return usable[(int)(Hash(NameRules.Key(sender)) % (uint)usable.Length)];
    }

    /// <summary>FNV-1a over the UTF-8 bytes: unlike <see cref="string.GetHashCode()"/>, the same in every process.</summary>
    private static uint Hash(string key)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 16777619;
        }
        return hash;
    }
}
