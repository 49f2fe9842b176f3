using System.Globalization;
using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Tui;

/// <summary>
/// Splits one log line into display rows that fit a pane's width: breaks at the last space
/// that fits (or mid-word when a word is longer than a row), and indents continuation rows so
/// the time stamp column stays clear. A message of several lines starts each of its lines on a
/// new row, indented the same way. Widths are screen cells per grapheme cluster
/// (<see cref="CellWidth"/>), so a family emoji, a flag or a CJK character is never split or
/// miscounted.
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
        string[] paragraphs = line.Split('\n');
        for (int p = 0; p < paragraphs.Length; p++)
        {
            WrapParagraph(paragraphs[p], width, indent, firstIndented: p > 0, rows);
        }
        return rows;
    }

    private static void WrapParagraph(string text, int width, int indent, bool firstIndented, List<string> rows)
    {
        string pad = new(' ', indent);
        int[] starts = StringInfo.ParseCombiningCharacters(text);
        int count = starts.Length;
        int start = 0;
        bool indented = firstIndented;
        do
        {
            int room = indented ? width - indent : width;
            int end = start;
            int columns = 0;
            int lastSpace = -1;
            while (end < count)
            {
                int w = CellWidth.OfCluster(Cluster(text, starts, end));
                if (columns + w > room)
                {
                    break;
                }
                if (text[starts[end]] == ' ')
                {
                    lastSpace = end;
                }
                columns += w;
                end++;
            }
            if (end == start && end < count)
            {
                end = start + 1; // a cluster wider than the row: show it anyway and move on
            }
            else if (end < count && lastSpace > start)
            {
                end = lastSpace + 1; // break after the space; it is trimmed below
            }
            string row = Slice(text, starts, start, end).TrimEnd();
            rows.Add(indented ? pad + row : row);
            start = end;
            while (start < count && text[starts[start]] == ' ')
            {
                start++;
            }
            indented = true;
        }
        while (start < count);
    }

    private static ReadOnlySpan<char> Cluster(string text, int[] starts, int index) =>
        text.AsSpan(starts[index], (index + 1 < starts.Length ? starts[index + 1] : text.Length) - starts[index]);

    private static string Slice(string text, int[] starts, int from, int to)
    {
        int begin = from < starts.Length ? starts[from] : text.Length;
        int end = to < starts.Length ? starts[to] : text.Length;
        return text[begin..end];
    }
}
