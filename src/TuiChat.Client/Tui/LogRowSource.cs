using System.Collections;
using System.Collections.Specialized;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;
using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace TuiChat.Client.Tui;

/// <summary>
/// What the log's <see cref="ListView"/> draws: the rows of a <see cref="LogLayout"/>, each in its
/// line's colour with the sender's name in its own (<see cref="Palette.ForNick"/>), the rules
/// across the log (day change, read marker), and every cell of a web address linked (OSC 8) to the
/// whole address, also on the rows it wraps onto. Terminal.Gui's own <c>ListWrapper</c> measured every row again on each
/// change (about 200 ms per line in a full room); here the row count is the layout's running
/// count and the widest row is the wrap width, so a change costs the same at any log length.
/// </summary>
internal sealed class LogRowSource(LogLayout layout, Func<string> userName) : IListDataSource
{
    private static readonly NotifyCollectionChangedEventArgs Changed = new(NotifyCollectionChangedAction.Reset);

    public event NotifyCollectionChangedEventHandler? CollectionChanged;

    public int Count => layout.RowCount;

    public int MaxItemLength => layout.Width;

    public bool SuspendCollectionChangedEvent { get; set; }

    /// <summary>A line drawn in reverse so the eye finds it: the message a search result opened.</summary>
    public LogLine? Spotlight { get; set; }

    /// <summary>Tells the list the rows changed, so it sizes its content and redraws.</summary>
    public void RaiseChanged()
    {
        if (!SuspendCollectionChangedEvent)
        {
            CollectionChanged?.Invoke(this, Changed);
        }
    }

    public void Render(ListView listView, bool selected, int item, int col, int line, int width, int viewportX = 0)
    {
        listView.Move(col, line);
        if (item >= layout.RowCount)
        {
            Pad(listView, width);
            return;
        }
        (LogEntry entry, int rowInLine) = layout.At(item);
        Color background = listView.GetAttributeForRole(VisualRole.Normal).Background;
        if (rowInLine < entry.Rules.Count)
        {
            LogRule rule = entry.Rules[rowInLine];
            listView.SetAttribute(Palette.ForRule(rule.Kind, background));
            string text = layout.RuleText(rule);
            listView.AddStr(text);
            Pad(listView, width - CellWidth.Of(text));
            return;
        }
        WrappedRow row = entry.Rows[rowInLine - entry.Rules.Count];
        Attribute colour = Palette.ForLine(entry.Line, background);
        if (ReferenceEquals(entry.Line, Spotlight))
        {
            colour = colour with { Style = colour.Style | TextStyle.Reverse };
        }
        listView.SetAttribute(colour);
        Pad(listView, row.Indent);
        var painter = new RowPainter(listView, entry, colour, NameColour(entry, background, colour));
        int at = row.Start;
        foreach (TextLink link in entry.Links)
        {
            if (link.End <= row.Start || link.Start >= row.End)
            {
                continue;
            }
            int from = Math.Max(link.Start, row.Start);
            int to = Math.Min(link.End, row.End);
            painter.Draw(at, from, null);
            painter.Draw(from, to, link.Target);
            at = to;
        }
        painter.Draw(at, row.End, null);
        listView.SetAttribute(colour);
        Pad(listView, width - row.Indent - CellWidth.Of(entry.Text.AsSpan(row.Start, row.Length)));
    }

    /// <summary>The sender's colour for this line, or null to leave the name in the line's colour.</summary>
    private Attribute? NameColour(LogEntry entry, Color background, Attribute lineColour) =>
        entry.Sender is null || entry.Line.Pending || ReferenceEquals(entry.Line, Spotlight) || !Palette.NickColoursShown()
            ? null
            : Palette.ForNick(entry.Line.From!, userName(), background, lineColour.Style);

    public bool IsMarked(int item) => false;

    public void SetMark(int item, bool value)
    {
        // The log has no marks.
    }

    /// <summary>Nothing to search by keystroke: a letter typed in the log goes to the input line.</summary>
    public IList ToList() => Array.Empty<string>();

    public void Dispose()
    {
        // Owns nothing; the layout belongs to the pane.
    }

    /// <summary>Draws spans of one row: the sender's name in its colour, the rest in the line's.</summary>
    private readonly struct RowPainter(ListView listView, LogEntry entry, Attribute lineColour, Attribute? nameColour)
    {
        public void Draw(int from, int to, string? url)
        {
            if (nameColour is { } name && entry.Sender is (int start, int length))
            {
                int end = start + length;
                Span(from, Math.Min(to, start), url, lineColour);
                Span(Math.Max(from, start), Math.Min(to, end), url, name);
                Span(Math.Max(from, end), to, url, lineColour);
                return;
            }
            Span(from, to, url, lineColour);
        }

        private void Span(int from, int to, string? url, Attribute colour)
        {
            if (to <= from)
            {
                return;
            }
            listView.SetAttribute(colour);
            if (url is not null && listView.App?.Driver is { } driver)
            {
                driver.CurrentUrl = url;
                listView.AddStr(entry.Text[from..to]);
                driver.CurrentUrl = null;
                return;
            }
            listView.AddStr(entry.Text[from..to]);
        }
    }

    private static void Pad(ListView listView, int cells)
    {
        for (int i = 0; i < cells; i++)
        {
            listView.AddRune(' ');
        }
    }
}
