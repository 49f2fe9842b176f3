using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using TuiChat.Client.Core.Text;
using TuiChat.Client.Core.ViewModels;
using Attr = Terminal.Gui.Drawing.Attribute;

namespace TuiChat.Client.Tui;

/// <summary>
/// Rooms, groups and direct conversations, one row each: rooms first, then groups, then direct
/// conversations, each kind in its own colour; the activity marks right-aligned: "(3)" unread
/// messages, "(3)!" a highlight among them, "·" only joins and leaves, each also in its own colour. A click or Enter on a row raises <see cref="ItemListPane{T}.Chosen"/>.
/// </summary>
internal sealed class RoomsPane : ItemListPane<ConversationViewModel>
{
    private ConversationViewModel? _selected;

    public RoomsPane() : base("Rooms", MouseFlags.LeftButtonClicked)
    {
    }

    /// <summary>Marks the conversation the log shows.</summary>
    public void Select(ConversationViewModel? conversation)
    {
        _selected = conversation;
        int index = conversation is null ? -1 : IndexOf(conversation);
        if (index >= 0 && List.SelectedItem != index)
        {
            List.SelectedItem = index;
            List.EnsureSelectedItemVisible();
        }
    }

    /// <summary>The conversation <paramref name="step"/> rows away from the selected one, wrapping around.</summary>
    public ConversationViewModel? Neighbour(int step)
    {
        if (Shown.Count == 0)
        {
            return null;
        }
        int index = _selected is null ? 0 : IndexOf(_selected);
        index = ((index + step) % Shown.Count + Shown.Count) % Shown.Count;
        return Shown[index];
    }

    protected override void Refresh()
    {
        base.Refresh();
        Select(_selected);
    }

    // Stable: keeps the view-model's order within a kind.
    protected override IEnumerable<ConversationViewModel> Order(IEnumerable<ConversationViewModel> items) =>
        items.OrderBy(c => c.Kind);

    protected override bool Matters(string? propertyName) =>
        propertyName is nameof(ConversationViewModel.Marks) or nameof(ConversationViewModel.Activity);

    protected override Attr Colour(ConversationViewModel conversation, Color background) =>
        Palette.ForConversation(conversation, background);

    /// <summary>
    /// "#games      (3)": the view-model's name and marks, the marks at the right edge and always
    /// whole; a name too long for what is left is cut with "…" rather than the count.
    /// </summary>
    protected override string Row(ConversationViewModel conversation)
    {
        string name = ScreenText.Line(conversation.DisplayName);
        string marks = conversation.Marks;
        if (marks.Length == 0)
        {
            return CellWidth.Truncate(name, RowWidth);
        }
        name = CellWidth.Truncate(name, Math.Max(1, RowWidth - marks.Length - 1));
        int gap = RowWidth - CellWidth.Of(name) - marks.Length;
        return name + new string(' ', Math.Max(1, gap)) + marks;
    }
}
