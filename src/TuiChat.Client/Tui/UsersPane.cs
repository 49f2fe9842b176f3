using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;
using Attr = Terminal.Gui.Drawing.Attribute;

namespace TuiChat.Client.Tui;

/// <summary>
/// The members of the selected room or group, or the other person of a direct conversation, as
/// the view-model shows them (<see cref="MemberViewModel.Display"/>): "● alice (you)", "○ dave",
/// "● root (admin)". Online members first, then by name. A double-click (or Enter) on a member raises <see cref="ItemListPane{T}.Chosen"/>, which opens a
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

    /// <summary>
    /// The whole <see cref="MemberViewModel.Display"/> when it fits; in a narrow pane the name
    /// goes first: "● bernadete_…" rather than "● alice (gue" (the colour still tells a guest).
    /// </summary>
    protected override string Row(MemberViewModel member)
    {
        string whole = ScreenText.Line(member.Display);
        return CellWidth.Of(whole) <= RowWidth ? whole : CellWidth.Truncate(ScreenText.Line(member.Label), RowWidth);
    }

    protected override Attr Colour(MemberViewModel member, Color background) => Palette.ForMember(member, background);
}
