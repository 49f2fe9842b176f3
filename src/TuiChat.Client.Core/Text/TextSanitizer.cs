using System.Text;
using TuiChat.Protocol;

namespace TuiChat.Client.Core.Text;

/// <summary>
/// Makes text from the network safe to print on a terminal. The server already rejects control
/// characters, but a client must not trust that: one ESC could move the cursor, rewrite the
/// screen or set the window title. Every string from another user passes through here before
/// either UI shows it.
/// </summary>
public static class TextSanitizer
{
    /// <summary>Shown in place of each removed control character.</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>
    /// One display line: C0/C1 controls, DEL and bidirectional overrides are replaced by
    /// <see cref="Replacement"/>; tabs become spaces; newlines become " ⏎ " so a message stays on one line.
    /// </summary>
    public static string ForLine(string? text) => Clean(text, keepLineFeeds: false);

    /// <summary>
    /// Message text, which may hold several lines: like <see cref="ForLine"/>, but line ends stay
    /// (as <c>\n</c>), so a view can show each line under its sender.
    /// </summary>
    public static string ForText(string? text) => Clean(text, keepLineFeeds: true);

    private static string Clean(string? text, bool keepLineFeeds)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        if (!NeedsWork(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }
            if (c is '\n' or '\r')
            {
                builder.Append(keepLineFeeds ? "\n" : " \u23CE ");
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (NameRules.IsControl(c) || IsBidiControl(c))
            {
                builder.Append(Replacement);
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    private static bool NeedsWork(string text)
    {
        foreach (char c in text)
        {
            if (NameRules.IsControl(c) || IsBidiControl(c))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Embedding/override/isolate controls can make a line read differently from what was sent.</summary>
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
