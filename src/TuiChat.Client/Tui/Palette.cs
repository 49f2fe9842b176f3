using Terminal.Gui.Drawing;
using TuiChat.Client.Core.ViewModels;
using Attr = Terminal.Gui.Drawing.Attribute;

namespace TuiChat.Client.Tui;

/// <summary>
/// The client's colours, in one place. Only the 16 standard colours are used, so the screen reads
/// the same on a 16-colour Linux console, over ssh, and in a true-colour terminal.
/// </summary>
internal static class Palette
{
    /// <summary>The colour of a log line by what it is; the pane's own background shows through.</summary>
    public static Attr ForLine(LineKind kind, Color background) => kind switch
    {
        LineKind.Own => new Attr(Color.BrightCyan, background),
        LineKind.Mention => new Attr(Color.BrightYellow, background, TextStyle.Bold),
        LineKind.JoinLeave => new Attr(Color.DarkGray, background),
        LineKind.System => new Attr(Color.Green, background),
        LineKind.FileOffer => new Attr(Color.BrightMagenta, background),
        // Security warnings: inverted bright red, unlike any other line, so they cannot be missed.
        LineKind.Warning => new Attr(Color.White, Color.Red, TextStyle.Bold),
        _ => new Attr(Color.White, background),
    };

    /// <summary>
    /// Each kind of conversation has its colour (rooms white, groups magenta, direct cyan), bright
    /// and bold while it has unread messages; an unread mention turns it yellow.
    /// </summary>
    public static Attr ForConversation(ConversationViewModel conversation, Color background)
    {
        if (conversation.HasMention)
        {
            return new Attr(Color.BrightYellow, background, TextStyle.Bold);
        }
        bool unread = conversation.Unread > 0;
        Color colour = conversation.Kind switch
        {
            ConversationKind.Group => unread ? Color.BrightMagenta : Color.Magenta,
            ConversationKind.Direct => unread ? Color.BrightCyan : Color.Cyan,
            _ => unread ? Color.White : Color.Gray,
        };
        return new Attr(colour, background, unread ? TextStyle.Bold : TextStyle.None);
    }

    /// <summary>Offline members are dimmed; the user's own name is highlighted.</summary>
    public static Attr ForMember(MemberViewModel member, Color background) =>
        member.IsSelf ? new Attr(Color.BrightCyan, background)
        : member.Online ? new Attr(Color.White, background)
        : new Attr(Color.DarkGray, background);

    /// <summary>The input line: plain text on the terminal's background, not a grey bar.</summary>
    public static Scheme Input(Color background) => new(new Attr(Color.White, background))
    {
        Focus = new Attr(Color.White, background),
        Editable = new Attr(Color.White, background),
    };

    /// <summary>Dialogs: light text on black, the focused row or button reversed.</summary>
    public static Scheme Dialog() => new(new Attr(Color.White, Color.Black))
    {
        Focus = new Attr(Color.Black, Color.Gray),
        HotNormal = new Attr(Color.BrightYellow, Color.Black),
        HotFocus = new Attr(Color.Black, Color.Gray),
        Active = new Attr(Color.Black, Color.Gray),
    };

    /// <summary>The status line by connection health.</summary>
    public static Attr ForStatus(bool healthy, Color background) =>
        healthy ? new Attr(Color.Gray, background) : new Attr(Color.BrightRed, background, TextStyle.Bold);
}
