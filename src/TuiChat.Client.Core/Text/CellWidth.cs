using System.Globalization;
using System.Text;
using Wcwidth;

namespace TuiChat.Client.Core.Text;

/// <summary>
/// How many screen cells a grapheme cluster takes in the client's screen model: the widths of
/// its code points added up (wcwidth: CJK and emoji 2, combining marks, ZWJ and variation
/// selectors 0), at most 2. This is exactly the rule Terminal.Gui 2.5.0 lays cells out by
/// (<c>string.GetColumns</c>), so text the client measures and wraps lands where the screen
/// buffer puts it. What a terminal really draws can differ per cluster (see
/// <see cref="TerminalProfile"/>); the output layer makes it fit these cells.
/// </summary>
public static class CellWidth
{
    public static int OfCluster(ReadOnlySpan<char> cluster)
    {
        if (cluster.Length == 1 && cluster[0] < '\u007F')
        {
            return cluster[0] >= ' ' ? 1 : 0;
        }
        int total = 0;
        foreach (Rune rune in cluster.EnumerateRunes())
        {
            total += OfRune(rune);
        }
        return Math.Min(total, 2);
    }

    /// <summary>
    /// Length in chars of the grapheme cluster that starts <paramref name="text"/>. ASCII followed
    /// by nothing that could join it (all joiners, marks and selectors are U+0300 or above) is
    /// one char, found without the full segmentation rules: typing costs the same on a long row.
    /// </summary>
    public static int NextClusterLength(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return 0;
        }
        if (text[0] < '\u0080' && text[0] != '\r' && (text.Length == 1 || text[1] < '\u0300'))
        {
            return 1;
        }
        return Math.Max(1, StringInfo.GetNextTextElementLength(text));
    }

    /// <summary>Columns of a whole string, cluster by cluster.</summary>
    public static int Of(ReadOnlySpan<char> text)
    {
        int total = 0;
        while (!text.IsEmpty)
        {
            int length = NextClusterLength(text);
            total += OfCluster(text[..length]);
            text = text[length..];
        }
        return total;
    }

    /// <summary>The code point's own width; control and unassigned code points count 0.</summary>
    public static int OfRune(Rune rune) =>
        rune.Value < 0x7F ? (rune.Value >= 0x20 ? 1 : 0) : Math.Max(0, UnicodeCalculator.GetWidth(rune));

    /// <summary>
    /// The longest prefix of <paramref name="text"/> (whole clusters) that fits in
    /// <paramref name="columns"/> cells, with an ellipsis when it had to be cut.
    /// </summary>
    public static string Truncate(string text, int columns)
    {
        if (Of(text) <= columns)
        {
            return text;
        }
        if (columns <= 0)
        {
            return "";
        }
        int used = 0;
        int end = 0;
        ReadOnlySpan<char> span = text;
        while (end < span.Length)
        {
            int length = Math.Max(1, StringInfo.GetNextTextElementLength(span[end..]));
            int width = OfCluster(span.Slice(end, length));
            if (used + width > columns - 1)
            {
                break;
            }
            used += width;
            end += length;
        }
        return string.Concat(span[..end], "…");
    }
}
