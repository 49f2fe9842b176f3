using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Tui;

/// <summary>
/// One log line as the pane shows it: the rules above it (a day change, the read marker), its screen
/// text, its rows at the current width, its links, where its sender's name is, and where its rows start.
/// </summary>
internal sealed class LogEntry(LogLine line, IReadOnlyList<LogRule> rules, string text, WrappedRow[] rows, IReadOnlyList<TextLink> links)
{
    public LogLine Line { get; } = line;

    /// <summary>Rows across the log above the line's own: its first <see cref="Rules"/>.Count rows.</summary>
    public IReadOnlyList<LogRule> Rules { get; } = rules;

    /// <summary>The line's display text, sanitised and fitted to the terminal.</summary>
    public string Text { get; } = text;

    public WrappedRow[] Rows { get; } = rows;

    public IReadOnlyList<TextLink> Links { get; } = links;

    /// <summary>The sender's name in <see cref="Text"/> (start, length), for its colour; null when the line has none.</summary>
    public (int Start, int Length)? Sender { get; init; }

    /// <summary>Rules and text rows together.</summary>
    public int RowCount => Rules.Count + Rows.Length;

    /// <summary>The first row's number in the layout's running count (see <see cref="LogLayout"/>).</summary>
    public long FirstRow { get; set; }
}

/// <summary>
/// The rows of a conversation's log at one width, with a running count instead of a row list: each
/// line keeps the number of its first row, and row <c>r</c> on screen is row <c>r + origin</c> of that
/// count. Appending a line, dropping the oldest, or putting a history page in front numbers only
/// the lines it adds (O(1) per line, at any log length); finding the line of a row is a binary
/// search, and the next rows are read on from there, so drawing costs what is visible. A line's
/// rows are spans of its text, so the log holds its text once. A change of width re-wraps
/// every line (a resize).
/// <para>Lines are kept in the order and at the indexes of the view-model's log. A row that is not
/// a message (a read marker, a day change: <see cref="LogRule"/>) is an extra row of the line it
/// stands above, drawn as "── new ─────".</para>
/// </summary>
internal sealed class LogLayout
{
    private readonly Deque<LogEntry> _entries = new();
    private int _hint;

    /// <summary>The columns a row may fill.</summary>
    public int Width { get; private set; }

    public int LineCount => _entries.Count;

    public int RowCount => _entries.Count == 0 ? 0 : (int)(End(_entries[^1]) - _entries[0].FirstRow);

    public LogEntry this[int lineIndex] => _entries[lineIndex];

    /// <summary>Wraps every line again at <paramref name="width"/>, with the rules <paramref name="rulesAbove"/> gives each line index.</summary>
    public void Reset(IEnumerable<LogLine> lines, int width, Func<int, IReadOnlyList<LogRule>>? rulesAbove = null)
    {
        Width = width;
        _entries.Clear();
        _hint = 0;
        foreach (LogLine line in lines)
        {
            Insert(_entries.Count, line, rulesAbove?.Invoke(_entries.Count));
        }
    }

    /// <summary>Wraps <paramref name="line"/> and puts it at <paramref name="lineIndex"/>, under <paramref name="rules"/>; returns how many rows it takes.</summary>
    public int Insert(int lineIndex, LogLine line, IReadOnlyList<LogRule>? rules = null)
    {
        LogEntry entry = Wrap(line, rules ?? []);
        int rows = entry.RowCount;
        // Renumber the lines on the nearer side only: none when appending or putting a page in front.
        if (lineIndex <= _entries.Count / 2 && _entries.Count > 0)
        {
            entry.FirstRow = _entries[lineIndex].FirstRow - rows;
            Shift(0, lineIndex, -rows);
        }
        else if (lineIndex > 0)
        {
            entry.FirstRow = End(_entries[lineIndex - 1]);
            Shift(lineIndex, _entries.Count, rows);
        }
        _entries.Insert(lineIndex, entry);
        _hint = lineIndex;
        return rows;
    }

    /// <summary>
    /// The rules above line <paramref name="lineIndex"/> became <paramref name="rules"/> (a neighbour
    /// came or went, the read marker moved); returns how many rows that added (negative: removed).
    /// </summary>
    public int SetRules(int lineIndex, IReadOnlyList<LogRule> rules)
    {
        if (lineIndex < 0 || lineIndex >= _entries.Count || _entries[lineIndex].Rules.SequenceEqual(rules))
        {
            return 0;
        }
        LogLine line = _entries[lineIndex].Line;
        return Insert(lineIndex, line, rules) - RemoveAt(lineIndex + 1);
    }

    /// <summary>Removes the line at <paramref name="lineIndex"/>; returns how many rows it took.</summary>
    public int RemoveAt(int lineIndex)
    {
        int rows = _entries[lineIndex].RowCount;
        if (lineIndex < _entries.Count / 2)
        {
            Shift(0, lineIndex, rows); // none when the oldest goes: the origin moves instead
        }
        else
        {
            Shift(lineIndex + 1, _entries.Count, -rows);
        }
        _entries.RemoveAt(lineIndex);
        _hint = 0;
        return rows;
    }

    /// <summary>The on-screen row where line <paramref name="lineIndex"/> starts (the row count when it is past the end).</summary>
    public int FirstRowOf(int lineIndex) =>
        lineIndex < _entries.Count ? (int)(_entries[lineIndex].FirstRow - _entries[0].FirstRow) : RowCount;

    /// <summary>The line shown on row <paramref name="row"/> and which of its rows it is.</summary>
    public (LogEntry Entry, int RowInLine) At(int row)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)row, (uint)RowCount, nameof(row));
        long wanted = row + _entries[0].FirstRow;
        int index = Contains(_hint, wanted) ? _hint
            : Contains(_hint + 1, wanted) ? _hint + 1
            : Search(wanted);
        _hint = index;
        LogEntry entry = _entries[index];
        return (entry, (int)(wanted - entry.FirstRow));
    }

    /// <summary>Row <paramref name="row"/> as text, with its indent (tests, and the pane's <c>Rows</c>).</summary>
    public string RowText(int row)
    {
        (LogEntry entry, int rowInLine) = At(row);
        return rowInLine < entry.Rules.Count
            ? RuleText(entry.Rules[rowInLine])
            : LineWrapper.Text(entry.Text, entry.Rows[rowInLine - entry.Rules.Count]);
    }

    /// <summary>A rule across the width: "── new ──────", "── Tuesday, 1 December 2026 ──────".</summary>
    public string RuleText(LogRule rule)
    {
        string label = "── " + ScreenText.Line(rule.Text) + " ";
        return label + new string('─', Math.Max(2, Width - CellWidth.Of(label)));
    }

    /// <summary>The rows a line takes: its text wrapped, continuation rows indented past the time.</summary>
    private WrappedRow[] RowsOf(string text, LogLine line) => LineWrapper.Wrap(text, Width, line.TimeText.Length + 1);

    private LogEntry Wrap(LogLine line, IReadOnlyList<LogRule> rules)
    {
        string text = ScreenText.Text(line.Display);
        return new LogEntry(line, rules, text, RowsOf(text, line), LinkFinder.Find(text))
        {
            // Where the name lands in the screen text: the text before it fitted the same way.
            Sender = line is { SenderAt: { } at, From: { } from }
                ? (ScreenText.Text(line.Display[..at]).Length, ScreenText.Text(from).Length)
                : null,
        };
    }

    private bool Contains(int index, long row) =>
        index < _entries.Count && _entries[index].FirstRow <= row && row < End(_entries[index]);

    private int Search(long row)
    {
        int low = 0;
        int high = _entries.Count - 1;
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
            if (_entries[mid].FirstRow <= row)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }
        return low;
    }

    private void Shift(int from, int to, int rows)
    {
        for (int i = from; i < to; i++)
        {
            _entries[i].FirstRow += rows;
        }
    }

    private static long End(LogEntry entry) => entry.FirstRow + entry.RowCount;
}
