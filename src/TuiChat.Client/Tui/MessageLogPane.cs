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
/// <see cref="LineKind"/>, dimmed while the user's own line is pending (<see cref="LogLayout"/>,
/// <see cref="LogRowSource"/>), under the rules the view-model puts above it (a day change, the
/// read marker "── new ──"). It keeps to the newest line unless the user has scrolled up, asks for
/// older history when the user scrolls past the top, and brings a search result's message into view.
/// </summary>
internal sealed class MessageLogPane : FrameView
{
    private readonly ListView _list;
    private readonly LogLayout _layout = new();
    private readonly LogRowSource _source;
    private readonly Label _newBelow;
    private ConversationViewModel? _conversation;

    private readonly LogRuleTracker _rules = new();

    /// <param name="userName">The user's name, whose lines keep the "own" colour.</param>
    public MessageLogPane(Func<string> userName)
    {
        Title = "TuiChat";
        _list = new ListView { Width = Dim.Fill(), Height = Dim.Fill() };
        _source = new LogRowSource(_layout, userName);
        _list.Source = _source;
        _list.ViewportChanged += OnViewportChanged;
        _list.MouseEvent += OnMouse;
        Add(_list);
        // On the bottom border, right-aligned, as WeeChat and irssi show "-MORE-".
        _newBelow = new Label { X = Pos.AnchorEnd() - 2, Y = Pos.AnchorEnd(), Visible = false };
        Border.GetOrCreateView().Add(_newBelow);
    }

    /// <summary>"3 new ↓" on the bottom border while lines arrived below what the user reads, else empty.</summary>
    public string NewBelowText => _newBelow.Visible ? _newBelow.Text : "";

    /// <summary>The user scrolled to the top of what is loaded: the owner loads an older page.</summary>
    public event EventHandler<ConversationViewModel>? OlderHistoryWanted;

    public ConversationViewModel? Conversation => _conversation;

    /// <summary>How many rows the log takes at the pane's width.</summary>
    public int RowCount => _layout.RowCount;

    /// <summary>A row as shown (after wrapping), for tests.</summary>
    public string RowText(int row) => _layout.RowText(row);

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
            _conversation.ShowMessageRequested -= OnShowMessage;
        }
        _conversation = conversation;
        _source.Spotlight = null;
        if (conversation is not null)
        {
            conversation.Lines.CollectionChanged += OnLinesChanged;
            conversation.PropertyChanged += OnConversationChanged;
            conversation.ShowMessageRequested += OnShowMessage;
        }
        UpdateTitle();
        Rebuild();
        ScrollToBottom();
        UpdateNewBelow();
    }

    /// <summary>End / Ctrl+End: back to the newest line. False when the log was already there.</summary>
    public bool JumpToBottom()
    {
        if (_conversation is null || _conversation.StickToBottom)
        {
            return false;
        }
        ScrollToBottom();
        return true;
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
                    int rowIndex = _layout.FirstRowOf(lineIndex);
                    int added = _layout.Insert(lineIndex, line, RulesAbove(lineIndex));
                    // The line after it has a new neighbour: its day line may go or come.
                    added += _layout.SetRules(lineIndex + 1, RulesAbove(lineIndex + 1));
                    _source.RaiseChanged();
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
                int firstRow = _layout.FirstRowOf(e.OldStartingIndex);
                int removed = _layout.RemoveAt(e.OldStartingIndex);
                removed -= _layout.SetRules(e.OldStartingIndex, RulesAbove(e.OldStartingIndex));
                _source.RaiseChanged();
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
    }

    private void OnConversationChanged(object? sender, PropertyChangedEventArgs e)
    {
        if (e.PropertyName is nameof(ConversationViewModel.Topic) or nameof(ConversationViewModel.Protection))
        {
            UpdateTitle();
        }
        else if (e.PropertyName is nameof(ConversationViewModel.NewBelow))
        {
            UpdateNewBelow();
        }
        else if (e.PropertyName is nameof(ConversationViewModel.ReadMarker))
        {
            MoveReadMarker();
        }
    }

    private IReadOnlyList<LogRule> RulesAbove(int lineIndex) => _rules.Above(_conversation, lineIndex);

    /// <summary>The read marker moved: off the line it stood above, onto its new one; the text read stays in place.</summary>
    private void MoveReadMarker()
    {
        if (_conversation is null)
        {
            return;
        }
        foreach (int lineIndex in _rules.MarkerMoved(_conversation).Where(i => i >= 0))
        {
            int rowIndex = _layout.FirstRowOf(lineIndex);
            int added = _layout.SetRules(lineIndex, RulesAbove(lineIndex));
            if (!_conversation.StickToBottom && rowIndex < _list.Viewport.Y)
            {
                SetTop(_list.Viewport.Y + added);
            }
        }
        _source.RaiseChanged();
        if (_conversation.StickToBottom)
        {
            ScrollToBottom();
        }
    }

    /// <summary>A search result opened here: its line a third of the way down the log, drawn reversed.</summary>
    private void OnShowMessage(object? sender, long msgId)
    {
        if (_conversation?.IndexOfMessage(msgId) is not (>= 0 and var lineIndex))
        {
            return;
        }
        LogEntry entry = _layout[lineIndex];
        _source.Spotlight = entry.Line;
        SetTop(_layout.FirstRowOf(lineIndex) + entry.Rules.Count - _list.Viewport.Height / 3);
        _source.RaiseChanged();
        SetNeedsDraw();
    }

    private void UpdateNewBelow()
    {
        int count = _conversation?.NewBelow ?? 0;
        _newBelow.Text = count > 0 ? $" {count} new ↓ " : "";
        _newBelow.Visible = count > 0;
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

    /// <summary>
    /// Wraps the whole log again. One column stays blank at the right: the driver links the web
    /// addresses it finds in each screen row up to the next blank, so an address reaching the
    /// last column would otherwise be linked together with the pane border after it.
    /// </summary>
    private void Rebuild()
    {
        _rules.Reset();
        _layout.Reset(_conversation?.Lines ?? [], Math.Max(1, _list.Viewport.Width - 1), RulesAbove);
        _source.RaiseChanged();
    }

    private void ScrollToBottom() => SetTop(_layout.RowCount - _list.Viewport.Height);

    private void SetTop(int top)
    {
        int max = Math.Max(0, _layout.RowCount - _list.Viewport.Height);
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
            _conversation.StickToBottom = _list.Viewport.Y + _list.Viewport.Height >= _layout.RowCount;
        }
    }

    private void OnViewportChanged(object? sender, DrawEventArgs e)
    {
        if (e.NewViewport.Width != e.OldViewport.Width && e.NewViewport.Width > 0 && e.NewViewport.Width - 1 != _layout.Width)
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
}
