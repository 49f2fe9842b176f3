using System.Collections.ObjectModel;
using System.Collections.Specialized;
using System.ComponentModel;
using System.Globalization;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;

namespace TuiChat.Client.Tui;

/// <summary>
/// Rooms, groups and direct conversations, one row each: rooms first, then groups, then direct
/// conversations, each kind in its own colour, the unread count right-aligned ("(3)") and a "!"
/// for an unread mention. A click or Enter on a row raises <see cref="ConversationChosen"/>.
/// </summary>
internal sealed class RoomsPane : FrameView
{
    private readonly ListView _list;
    private readonly List<ConversationViewModel> _shown = [];
    private ObservableCollection<ConversationViewModel> _source = [];
    private ConversationViewModel? _selected;
    private int _width;

    public RoomsPane()
    {
        Title = "Rooms";
        _list = new ListView { Width = Dim.Fill(), Height = Dim.Fill() };
        _list.RowRender += ColourRow;
        _list.Accepting += (_, e) =>
        {
            e.Handled = true;
            RaiseChosen(_list.SelectedItem);
        };
        _list.MouseEvent += OnMouse;
        _list.ViewportChanged += (_, e) =>
        {
            if (e.NewViewport.Width != _width)
            {
                Refresh();
            }
        };
        Add(_list);
    }

    /// <summary>The user picked a conversation with the mouse or Enter.</summary>
    public event EventHandler<ConversationViewModel>? ConversationChosen;

    /// <summary>Conversations in display order, for tests.</summary>
    public IReadOnlyList<ConversationViewModel> Shown => _shown;

    public void Bind(ObservableCollection<ConversationViewModel> conversations)
    {
        _source.CollectionChanged -= OnConversationsChanged;
        foreach (var conversation in _source)
        {
            conversation.PropertyChanged -= OnConversationChanged;
        }
        _source = conversations;
        _source.CollectionChanged += OnConversationsChanged;
        foreach (var conversation in _source)
        {
            conversation.PropertyChanged += OnConversationChanged;
        }
        Refresh();
    }

    /// <summary>Marks the conversation the log shows.</summary>
    public void Select(ConversationViewModel? conversation)
    {
        _selected = conversation;
        int index = conversation is null ? -1 : _shown.IndexOf(conversation);
        if (index >= 0 && _list.SelectedItem != index)
        {
            _list.SelectedItem = index;
            _list.EnsureSelectedItemVisible();
        }
    }

    /// <summary>The conversation <paramref name="step"/> rows away from the selected one, wrapping around.</summary>
    public ConversationViewModel? Neighbour(int step)
    {
        if (_shown.Count == 0)
        {
            return null;
        }
        int index = _selected is null ? 0 : _shown.IndexOf(_selected);
        index = ((index + step) % _shown.Count + _shown.Count) % _shown.Count;
        return _shown[index];
    }

    private void OnConversationsChanged(object? sender, NotifyCollectionChangedEventArgs e)
    {
        foreach (ConversationViewModel conversation in e.OldItems ?? Array.Empty<ConversationViewModel>())
        {
            conversation.PropertyChanged -= OnConversationChanged;
        }
        foreach (ConversationViewModel conversation in e.NewItems ?? Array.Empty<ConversationViewModel>())
        {
            conversation.PropertyChanged += OnConversationChanged;
        }
        Refresh();
    }

    private void OnConversationChanged(object? sender, PropertyChangedEventArgs e)
    {
        if (e.PropertyName is nameof(ConversationViewModel.Display) or nameof(ConversationViewModel.Unread)
            or nameof(ConversationViewModel.HasMention))
        {
            Refresh();
        }
    }

    private void Refresh()
    {
        _width = _list.Viewport.Width;
        _shown.Clear();
        _shown.AddRange(_source.OrderBy(c => c.Kind)); // stable: keeps the view-model's order within a kind
        var rows = new ObservableCollection<string>(_shown.Select(Row));
        _list.SetSource(rows);
        Select(_selected);
    }

    /// <summary>"#games      (3)": the name, and the unread marks pushed to the right edge.</summary>
    private string Row(ConversationViewModel conversation)
    {
        string name = TextSanitizer.ForLine(conversation.Name);
        string marks = (conversation.Unread > 0 ? "(" + conversation.Unread.ToString(CultureInfo.InvariantCulture) + ")" : "")
            + (conversation.HasMention ? "!" : "");
        if (marks.Length == 0)
        {
            return name;
        }
        int gap = _width - name.Length - marks.Length;
        return gap >= 1 ? name + new string(' ', gap) + marks : name + " " + marks;
    }

    /// <summary>
    /// A click opens the room. The list never sees the left button, so it does not take the
    /// focus: the user clicks a room and goes on typing.
    /// </summary>
    private void OnMouse(object? sender, Mouse mouse)
    {
        if (!LeftButton.IsInvolved(mouse.Flags))
        {
            return;
        }
        mouse.Handled = true;
        if (mouse.Flags.HasFlag(MouseFlags.LeftButtonClicked) && mouse.Position is { } position)
        {
            RaiseChosen(_list.Viewport.Y + position.Y);
        }
    }

    private void RaiseChosen(int? index)
    {
        if (index is { } i && i >= 0 && i < _shown.Count)
        {
            ConversationChosen?.Invoke(this, _shown[i]);
        }
    }

    private void ColourRow(object? sender, ListViewRowEventArgs e)
    {
        if (e.Row >= 0 && e.Row < _shown.Count && e.Row != _list.SelectedItem)
        {
            Color background = _list.GetAttributeForRole(VisualRole.Normal).Background;
            e.RowAttribute = Palette.ForConversation(_shown[e.Row], background);
        }
    }
}
