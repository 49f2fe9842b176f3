using System.Collections;
using System.Collections.Specialized;
using Terminal.Gui.Drawing;
using Terminal.Gui.Views;
using TuiChat.Client.Core.Text;

namespace TuiChat.Client.Tui;

/// <summary>
/// What the log's <see cref="ListView"/> draws: the rows of a <see cref="LogLayout"/>, each in its
/// line's colour. Terminal.Gui's own <c>ListWrapper</c> measured every row again on each
/// change (about 200 ms per line in a full room); here the row count is the layout's running
/// count and the widest row is the wrap width, so a change costs the same at any log length.
/// </summary>
internal sealed class LogRowSource(LogLayout layout) : IListDataSource
{
    private static readonly NotifyCollectionChangedEventArgs Changed = new(NotifyCollectionChangedAction.Reset);

    public event NotifyCollectionChangedEventHandler? CollectionChanged;

    public int Count => layout.RowCount;

    public int MaxItemLength => layout.Width;

    public bool SuspendCollectionChangedEvent { get; set; }

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
        WrappedRow row = entry.Rows[rowInLine];
        listView.SetAttribute(Palette.ForLine(entry.Line, listView.GetAttributeForRole(VisualRole.Normal).Background));
        Pad(listView, row.Indent);
        listView.AddStr(entry.Text.Substring(row.Start, row.Length));
        Pad(listView, width - row.Indent - CellWidth.Of(entry.Text.AsSpan(row.Start, row.Length)));
    }

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

    private static void Pad(ListView listView, int cells)
    {
        for (int i = 0; i < cells; i++)
        {
            listView.AddRune(' ');
        }
    }
}
