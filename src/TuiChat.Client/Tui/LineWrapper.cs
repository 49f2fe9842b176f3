using System.Text;
using Terminal.Gui.Text;

namespace TuiChat.Client.Tui;

/// <summary>
/// Splits one log line into display rows that fit a pane's width: breaks at the last space
/// that fits (or mid-word when a word is longer than a row), and indents continuation rows so
/// the time stamp column stays clear. Widths are terminal columns, so CJK and emoji count as two.
/// </summary>
internal static class LineWrapper
{
    public static IReadOnlyList<string> Wrap(string line, int width, int indent)
    {
        if (width < 1)
        {
            return [line];
        }
        // An indent that would leave almost no room is dropped rather than producing a column of letters.
        indent = indent > width / 2 ? 0 : indent;
        var rows = new List<string>();
        var runes = line.EnumerateRunes().ToArray();
        int start = 0;
        bool first = true;
        while (start < runes.Length)
        {
            int room = first ? width : width - indent;
            int end = start;
            int columns = 0;
            int lastSpace = -1;
            while (end < runes.Length)
            {
                int w = Math.Max(0, runes[end].GetColumns());
                if (columns + w > room)
                {
                    break;
                }
                if (runes[end].Value == ' ')
                {
                    lastSpace = end;
                }
                columns += w;
                end++;
            }
            if (end == start)
            {
                end = start + 1; // a rune wider than the row: show it anyway and move on
            }
            else if (end < runes.Length && lastSpace > start)
            {
                end = lastSpace + 1; // break after the space; it is trimmed below
            }
            rows.Add((first ? "" : new string(' ', indent)) + Concat(runes, start, end).TrimEnd());
            start = end;
            while (start < runes.Length && runes[start].Value == ' ')
            {
                start++;
            }
            first = false;
        }
        if (rows.Count == 0)
        {
            rows.Add("");
        }
        return rows;
    }

    private static string Concat(Rune[] runes, int start, int end)
    {
        var builder = new StringBuilder();
        for (int i = start; i < end; i++)
        {
            builder.Append(runes[i].ToString());
        }
        return builder.ToString();
    }
}
