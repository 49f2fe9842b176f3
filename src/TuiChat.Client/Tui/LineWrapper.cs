using System.Globalization;
using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Tui;

/// <summary>One display row of a wrapped line: <see cref="Indent"/> blank cells, then <see cref="Length"/> chars of the line from <see cref="Start"/>.</summary>
internal readonly record struct WrappedRow(int Start, int Length, int Indent)
{
    public int End => Start + Length;
}

/// <summary>
/// Splits one log line into display rows that fit a pane's width: breaks at the last space
/// that fits (or mid-word when a word is longer than a row), and indents continuation rows so
/// the time stamp column stays clear. A message of several lines starts each of its lines on a
/// new row, indented the same way. Widths are screen cells per grapheme cluster
/// (<see cref="CellWidth"/>), so a family emoji, a flag or a CJK character is never split or
/// miscounted. Rows are spans of the line, not copies: a long log keeps its text once.
/// </summary>
internal static class LineWrapper
{
    public static WrappedRow[] Wrap(string line, int width, int indent)
    {
        if (width < 1)
        {
            return [new WrappedRow(0, line.Length, 0)];
        }
        // An indent that would leave almost no room is dropped rather than producing a column of letters.
        indent = indent > width / 2 ? 0 : indent;
        var rows = new List<WrappedRow>();
        int start = 0;
        bool first = true;
        while (true)
        {
            int end = line.IndexOf('\n', start);
            WrapParagraph(line, start, end < 0 ? line.Length : end, width, indent, firstIndented: !first, rows);
            if (end < 0)
            {
                return [.. rows];
            }
            start = end + 1;
            first = false;
        }
    }

    /// <summary>The row as text, with its indent: for tests and for screens that take strings.</summary>
    public static string Text(string line, WrappedRow row) => string.Concat(new string(' ', row.Indent), line.AsSpan(row.Start, row.Length));

    private static void WrapParagraph(string text, int from, int to, int width, int indent, bool firstIndented, List<WrappedRow> rows)
    {
        int[] starts = StringInfo.ParseCombiningCharacters(text[from..to]);
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
                int w = CellWidth.OfCluster(Cluster(text, from, to, starts, end));
                if (columns + w > room)
                {
                    break;
                }
                if (text[from + starts[end]] == ' ')
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
            int rowStart = from + Offset(starts, start, to - from);
            int rowEnd = from + Offset(starts, end, to - from);
            while (rowEnd > rowStart && char.IsWhiteSpace(text[rowEnd - 1]))
            {
                rowEnd--;
            }
            rows.Add(new WrappedRow(rowStart, rowEnd - rowStart, indented ? indent : 0));
            start = end;
            while (start < count && text[from + starts[start]] == ' ')
            {
                start++;
            }
            indented = true;
        }
        while (start < count);
    }

    private static ReadOnlySpan<char> Cluster(string text, int from, int to, int[] starts, int index) =>
        text.AsSpan(from + starts[index], (index + 1 < starts.Length ? starts[index + 1] : to - from) - starts[index]);

    private static int Offset(int[] starts, int index, int length) => index < starts.Length ? starts[index] : length;
}
