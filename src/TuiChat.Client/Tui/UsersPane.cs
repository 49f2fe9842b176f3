using System.Collections.ObjectModel;
using System.Collections.Specialized;
using System.ComponentModel;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Tui;

/// <summary>
/// The members of the selected room or group: "● alice (you)", "○ dave", "● root (admin)".
/// Online members first, then by name. Rows are built here rather than from
/// <see cref="MemberViewModel.Display"/> to stay short in a narrow pane: "(guest)" is left out,
/// since most demo and casual users are guests and the mark would crowd out the names. A double-click (or Enter) on a member raises
/// <see cref="MemberChosen"/>, which opens a direct conversation.
/// </summary>
internal sealed class UsersPane : FrameView
{
    private readonly ListView _list;
    private readonly List<MemberViewModel> _shown = [];
    private ObservableCollection<MemberViewModel> _source = [];

    public UsersPane()
    {
        Title = "Users";
        _list = new ListView { Width = Dim.Fill(), Height = Dim.Fill() };
        _list.RowRender += ColourRow;
        _list.Accepting += (_, e) =>
        {
            e.Handled = true;
            RaiseChosen(_list.SelectedItem);
        };
        _list.MouseEvent += OnMouse;
        Add(_list);
    }

    public event EventHandler<MemberViewModel>? MemberChosen;

    public IReadOnlyList<MemberViewModel> Shown => _shown;

    public void Bind(ObservableCollection<MemberViewModel> members)
    {
        _source.CollectionChanged -= OnMembersChanged;
        foreach (var member in _source)
        {
            member.PropertyChanged -= OnMemberChanged;
        }
        _source = members;
        _source.CollectionChanged += OnMembersChanged;
        foreach (var member in _source)
        {
            member.PropertyChanged += OnMemberChanged;
        }
        Refresh();
    }

    private void OnMembersChanged(object? sender, NotifyCollectionChangedEventArgs e)
    {
        foreach (MemberViewModel member in e.OldItems ?? Array.Empty<MemberViewModel>())
        {
            member.PropertyChanged -= OnMemberChanged;
        }
        foreach (MemberViewModel member in e.NewItems ?? Array.Empty<MemberViewModel>())
        {
            member.PropertyChanged += OnMemberChanged;
        }
        Refresh();
    }

    private void OnMemberChanged(object? sender, PropertyChangedEventArgs e) => Refresh();

    private void Refresh()
    {
        MemberViewModel? selected = _list.SelectedItem is { } i && i < _shown.Count ? _shown[i] : null;
        _shown.Clear();
        _shown.AddRange(_source.OrderByDescending(m => m.Online).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase));
        _list.SetSource(new ObservableCollection<string>(_shown.Select(Row)));
        Title = _source.Count == 0 ? "Users" : $"Users {_shown.Count(m => m.Online)}/{_shown.Count}";
        int index = selected is null ? -1 : _shown.IndexOf(selected);
        _list.SelectedItem = index >= 0 ? index : null;
    }

    private static string Row(MemberViewModel member) =>
        (member.Online ? "● " : "○ ") + TextSanitizer.ForLine(member.Name)
        + (member.Role == Roles.Admin ? " (admin)" : "")
        + (member.IsSelf ? " (you)" : "");

    /// <summary>
    /// A double-click opens a direct conversation. The list never sees the left button, so it
    /// does not take the focus from the input line.
    /// </summary>
    private void OnMouse(object? sender, Mouse mouse)
    {
        if (!LeftButton.IsInvolved(mouse.Flags))
        {
            return;
        }
        mouse.Handled = true;
        if (mouse.Flags.HasFlag(MouseFlags.LeftButtonDoubleClicked) && mouse.Position is { } position)
        {
            RaiseChosen(_list.Viewport.Y + position.Y);
        }
    }

    private void RaiseChosen(int? index)
    {
        if (index is { } i && i >= 0 && i < _shown.Count)
        {
            MemberChosen?.Invoke(this, _shown[i]);
        }
    }

    private void ColourRow(object? sender, ListViewRowEventArgs e)
    {
        if (e.Row >= 0 && e.Row < _shown.Count && e.Row != _list.SelectedItem)
        {
            Color background = _list.GetAttributeForRole(VisualRole.Normal).Background;
            e.RowAttribute = Palette.ForMember(_shown[e.Row], background);
        }
    }
}
