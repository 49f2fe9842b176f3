using System.Collections.ObjectModel;
using System.Collections.Specialized;
using System.ComponentModel;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Tui;

/// <summary>
/// The log of the selected conversation, titled with its name and topic. Each <see cref="LogLine"/>
/// is wrapped to the pane's width (continuation rows indented past the time) and coloured by its
/// <see cref="LineKind"/>, dimmed while the user's own line is pending. It keeps to the newest line unless the user has scrolled up, and asks
/// for older history when the user scrolls past the top.
/// </summary>
internal sealed class MessageLogPane : FrameView
{
    private readonly ListView _list;
    private ObservableCollection<string> _rows = [];
    private readonly List<LogLine> _rowLines = [];
    private readonly List<int> _rowsPerLine = [];
    private ConversationViewModel? _conversation;
    private int _wrappedWidth;

    public MessageLogPane()
    {
        Title = "TuiChat";
        _list = new ListView { Width = Dim.Fill(), Height = Dim.Fill() };
        _list.SetSource(_rows);
        _list.RowRender += ColourRow;
        _list.ViewportChanged += OnViewportChanged;
        _list.MouseEvent += OnMouse;
        Add(_list);
    }

    /// <summary>The user scrolled to the top of what is loaded: the owner loads an older page.</summary>
    public event EventHandler<ConversationViewModel>? OlderHistoryWanted;

    public ConversationViewModel? Conversation => _conversation;

    /// <summary>Rows as shown (after wrapping), for tests and for the owner's bookkeeping.</summary>
    public IReadOnlyList<string> Rows => _rows;

    public void Show(ConversationViewModel? conversation)
    {
        if (ReferenceEquals(conversation, _conversation))
        {
            return;
        }
        if (_conversation is not null)
        {
            _conversation.Lines.CollectionChanged -= OnLinesChanged;
            _conversation.PropertyChanged -= OnConversationChanged;
        }
        _conversation = conversation;
        if (conversation is not null)
        {
            conversation.Lines.CollectionChanged += OnLinesChanged;
            conversation.PropertyChanged += OnConversationChanged;
        }
        UpdateTitle();
        Rebuild();
        ScrollToBottom();
    }

    /// <summary>Scrolls by whole pages (negative is up); at the top it asks for older history.</summary>
    public void ScrollPages(int pages)
    {
        int page = Math.Max(1, _list.Viewport.Height - 1);
        ScrollRows(pages * page);
    }

    public void ScrollRows(int delta)
    {
        if (_conversation is null)
        {
            return;
        }
        int before = _list.Viewport.Y;
        SetTop(before + delta);
        if (delta < 0 && before == 0)
        {
            WantOlderHistory();
        }
    }

    private void OnLinesChanged(object? sender, NotifyCollectionChangedEventArgs e)
    {
        bool stick = _conversation?.StickToBottom ?? true;
        switch (e.Action)
        {
            case NotifyCollectionChangedAction.Add when e.NewItems is not null:
                // New messages at the end, or a history page inserted above: wrap just those lines.
                int lineIndex = e.NewStartingIndex;
                foreach (LogLine line in e.NewItems)
                {
                    int rowIndex = RowOf(lineIndex);
                    int added = InsertRows(lineIndex, rowIndex, line);
                    if (!stick && rowIndex < _list.Viewport.Y + _list.Viewport.Height)
                    {
                        // Rows went in above what the user is reading: keep that text where it was.
                        SetTop(_list.Viewport.Y + added);
                    }
                    lineIndex++;
                }
                break;
            case NotifyCollectionChangedAction.Remove when e.OldItems is { Count: 1 }:
                // The oldest line dropped to bound memory, or a pending line confirmed elsewhere.
                int firstRow = RowOf(e.OldStartingIndex);
                int removed = RemoveRows(e.OldStartingIndex, firstRow);
                if (!stick && firstRow < _list.Viewport.Y)
                {
                    SetTop(_list.Viewport.Y - removed);
                }
                break;
            default:
                Rebuild();
                break;
        }
        if (stick)
        {
            ScrollToBottom();
        }
        // The list does not always repaint for an insert into its source (seen live: a history
        // page arriving right after a join stayed invisible until the next redraw).
        _list.SetNeedsDraw();
    }

    /// <summary>
    /// The first row of line <paramref name="lineIndex"/>, counted from the nearer end: a line
    /// appended, confirmed or dropped sits at one end, so this costs the same at any log length.
    /// </summary>
    private int RowOf(int lineIndex)
    {
        if (lineIndex <= _rowsPerLine.Count / 2)
        {
            int row = 0;
            for (int i = 0; i < lineIndex; i++)
            {
                row += _rowsPerLine[i];
            }
            return row;
        }
        int fromEnd = _rows.Count;
        for (int i = _rowsPerLine.Count - 1; i >= lineIndex; i--)
        {
            fromEnd -= _rowsPerLine[i];
        }
        return fromEnd;
    }

    private int RemoveRows(int lineIndex, int rowIndex)
    {
        int count = _rowsPerLine[lineIndex];
        for (int i = 0; i < count; i++)
        {
            _rows.RemoveAt(rowIndex);
            _rowLines.RemoveAt(rowIndex);
        }
        _rowsPerLine.RemoveAt(lineIndex);
        return count;
    }

    private void OnConversationChanged(object? sender, PropertyChangedEventArgs e)
    {
        if (e.PropertyName is nameof(ConversationViewModel.Topic) or nameof(ConversationViewModel.Protection))
        {
            UpdateTitle();
        }
    }

    private void UpdateTitle()
    {
        if (_conversation is null)
        {
            Title = "TuiChat";
            return;
        }
        string topic = ScreenText.Line(_conversation.Topic);
        string protection = _conversation.Protection.Length > 0 ? " " + _conversation.Protection : "";
        Title = ScreenText.Line(_conversation.Name) + protection + (topic.Length > 0 ? " — " + topic : "");
    }

    private void Rebuild()
    {
        _wrappedWidth = _list.Viewport.Width;
        _rowLines.Clear();
        _rowsPerLine.Clear();
        _rows = [];
        if (_conversation is not null)
        {
            foreach (LogLine line in _conversation.Lines)
            {
                InsertRows(_rowsPerLine.Count, _rows.Count, line);
            }
        }
        _list.SetSource(_rows);
    }

    /// <summary>Wraps <paramref name="line"/> and inserts its rows; returns how many.</summary>
    private int InsertRows(int lineIndex, int rowIndex, LogLine line)
    {
        string text = ScreenText.Text(line.Display);
        int indent = line.TimeText.Length + 1;
        IReadOnlyList<string> wrapped = LineWrapper.Wrap(text, _wrappedWidth, indent);
        for (int i = 0; i < wrapped.Count; i++)
        {
            _rowLines.Insert(rowIndex + i, line);
            _rows.Insert(rowIndex + i, wrapped[i]);
        }
        _rowsPerLine.Insert(lineIndex, wrapped.Count);
        return wrapped.Count;
    }

    private void ScrollToBottom() => SetTop(_rows.Count - _list.Viewport.Height);

    private void SetTop(int top)
    {
        int max = Math.Max(0, _rows.Count - _list.Viewport.Height);
        top = Math.Clamp(top, 0, max);
        if (top != _list.Viewport.Y)
        {
            _list.Viewport = _list.Viewport with { Y = top };
        }
        UpdateStickiness();
    }

    private void UpdateStickiness()
    {
        if (_conversation is not null)
        {
            _conversation.StickToBottom = _list.Viewport.Y + _list.Viewport.Height >= _rows.Count;
        }
    }

    private void OnViewportChanged(object? sender, DrawEventArgs e)
    {
        if (e.NewViewport.Width != e.OldViewport.Width && e.NewViewport.Width > 0 && e.NewViewport.Width != _wrappedWidth)
        {
            bool stick = _conversation?.StickToBottom ?? true;
            Rebuild();
            if (stick)
            {
                ScrollToBottom();
            }
        }
        else if (e.NewViewport.Height != e.OldViewport.Height && (_conversation?.StickToBottom ?? true))
        {
            ScrollToBottom();
        }
    }

    private void OnMouse(object? sender, Mouse mouse)
    {
        if (mouse.Flags.HasFlag(MouseFlags.WheeledUp))
        {
            ScrollRows(-3);
            mouse.Handled = true;
        }
        else if (mouse.Flags.HasFlag(MouseFlags.WheeledDown))
        {
            ScrollRows(3);
            mouse.Handled = true;
        }
    }

    private void WantOlderHistory()
    {
        if (_conversation is { HasOlderHistory: true, IsLoadingHistory: false })
        {
            OlderHistoryWanted?.Invoke(this, _conversation);
        }
    }

    private void ColourRow(object? sender, ListViewRowEventArgs e)
    {
        if (e.Row >= 0 && e.Row < _rowLines.Count)
        {
            Color background = _list.GetAttributeForRole(VisualRole.Normal).Background;
            e.RowAttribute = Palette.ForLine(_rowLines[e.Row], background);
        }
    }
}
