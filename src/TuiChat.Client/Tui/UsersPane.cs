using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;
using TuiChat.Protocol.Messages;
using Attr = Terminal.Gui.Drawing.Attribute;

namespace TuiChat.Client.Tui;

/// <summary>
/// The members of the selected room or group: "● alice (you)", "○ dave", "● root (admin)".
/// Online members first, then by name. Rows are built here rather than from
/// <see cref="MemberViewModel.Display"/> to stay short in a narrow pane: "(guest)" is left out,
/// since most demo and casual users are guests and the mark would crowd out the names. A
/// double-click (or Enter) on a member raises <see cref="ItemListPane{T}.Chosen"/>, which opens a
/// direct conversation.
/// </summary>
internal sealed class UsersPane() : ItemListPane<MemberViewModel>("Users", MouseFlags.LeftButtonDoubleClicked)
{
    protected override void Refresh()
    {
        MemberViewModel? selected = List.SelectedItem is { } i && i < Shown.Count ? Shown[i] : null;
        base.Refresh();
        Title = Source.Count == 0 ? "Users" : $"Users {Shown.Count(m => m.Online)}/{Shown.Count}";
        int index = selected is null ? -1 : IndexOf(selected);
        List.SelectedItem = index >= 0 ? index : null;
    }

    protected override IEnumerable<MemberViewModel> Order(IEnumerable<MemberViewModel> items) =>
        items.OrderByDescending(m => m.Online).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase);

    protected override string Row(MemberViewModel member) =>
        (member.Online ? "● " : "○ ") + ScreenText.Line(member.Name)
        + (member.Role == Roles.Admin ? " (admin)" : "")
        + (member.IsSelf ? " (you)" : "");

    protected override Attr Colour(MemberViewModel member, Color background) => Palette.ForMember(member, background);
}
