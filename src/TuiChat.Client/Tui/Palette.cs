using Terminal.Gui.Drawing;
using TuiChat.Client.Core.Settings;
using TuiChat.Client.Core.ViewModels;
using Attr = Terminal.Gui.Drawing.Attribute;

namespace TuiChat.Client.Tui;

/// <summary>
/// The client's colours, in one place. Only the 16 standard colours are used, so the screen reads
/// the same on a 16-colour Linux console, over ssh, and in a true-colour terminal. On a terminal
/// that has only the 8 basic colours (<see cref="EightColours"/>), where the bright ones may not
/// show at all (dark grey is black on black there), each bright colour becomes its basic one in
/// bold and dark grey becomes grey.
/// </summary>
internal static class Palette
{
    /// <summary>Set once at start from <see cref="HasOnlyEightColours"/>.</summary>
    public static bool EightColours { get; set; }

    /// <summary>The <c>[theme]</c> colours (role → colour name); <c>/set theme.…</c> changes show at the next redraw.</summary>
    public static IReadOnlyDictionary<string, string> Theme { get; set; } = ThemeColours.Defaults;

    /// <summary>The colour the theme gives <paramref name="role"/> (a name of <see cref="ThemeColours.Names"/>).</summary>
    public static Color Role(string role) =>
        Enum.TryParse(Theme.GetValueOrDefault(role) ?? ThemeColours.Defaults[role], ignoreCase: true, out ColorName16 name)
            ? new Color(name) : new Color(Enum.Parse<ColorName16>(ThemeColours.Defaults[role], ignoreCase: true));

    /// <summary>A colour of <see cref="ThemeColours.Names"/> by name.</summary>
    private static Color Colour(string name) => new(Enum.Parse<ColorName16>(name, ignoreCase: true));

    /// <summary>
    /// What TERM and COLORTERM say: 256 colours, direct colour or a 16-colour type keep the
    /// palette; plain types (xterm, screen, vt100, ansi...) are assumed to have 8 colours, as
    /// their terminfo entries declare.
    /// </summary>
    public static bool HasOnlyEightColours(string? term, string? colorTerm)
    {
        if (!string.IsNullOrEmpty(colorTerm) || string.IsNullOrEmpty(term))
        {
            return false;
        }
        string[] rich = ["256color", "direct", "truecolor", "16color", "kitty", "alacritty", "wezterm", "foot", "ghostty", "linux"];
        return !rich.Any(r => term.Contains(r, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The colour of a log line by what it is, dimmed while it is pending; the pane's own background shows through.</summary>
    public static Attr ForLine(LogLine line, Color background) =>
        line.Pending ? Shown(Color.DarkGray, background, TextStyle.Faint) : ForLine(line.Kind, background);

    /// <summary>Whether senders' names get their colours (<c>[display] nick_colors</c>); read at each redraw.</summary>
    public static Func<bool> NickColoursShown { get; set; } = () => true;

    /// <summary>The sender's colour (<see cref="NickColours"/>): stable per name, the user's own always the "own" colour.</summary>
    public static Attr ForNick(string sender, string self, Color background, TextStyle style) =>
        Shown(Colour(NickColours.For(sender, self, Theme)), background, style);

    /// <summary>A rule across the log: the read marker stands out in the "activity" colour, a day change in the notices'.</summary>
    public static Attr ForRule(LogRuleKind kind, Color background) =>
        kind == LogRuleKind.NewMessages ? Shown(Role("activity"), background, TextStyle.Bold) : Shown(Role("notice"), background);

    /// <summary>The colour of a kind of log line.</summary>
    public static Attr ForLine(LineKind kind, Color background) => kind switch
    {
        LineKind.Own => Shown(Role("own"), background),
        LineKind.Mention => Shown(Role("mention"), background, TextStyle.Bold),
        LineKind.JoinLeave => Shown(Role("join_part"), background),
        LineKind.System => Shown(Role("notice"), background),
        LineKind.FileOffer => Shown(Role("file"), background),
        // Security warnings: inverted bright red, unlike any other line, so they cannot be missed.
        LineKind.Warning => Shown(Color.White, Color.Red, TextStyle.Bold),
        _ => Shown(Role("text"), background),
    };

    /// <summary>
    /// Each kind of conversation has its colour (theme roles room, group, direct). Activity shows
    /// in colour as well as in the marks: messages make it bright and bold, a highlight the
    /// "activity" colour, only joins and leaves the "join_part" colour.
    /// </summary>
    public static Attr ForConversation(ConversationViewModel conversation, Color background)
    {
        Color colour = Role(conversation.Kind switch
        {
            ConversationKind.Group => "group",
            ConversationKind.Direct => "direct",
            _ => "room",
        });
        return conversation.Activity switch
        {
            ActivityLevel.Highlight => Shown(Role("activity"), background, TextStyle.Bold),
            ActivityLevel.Message => Shown(Brighter(colour), background, TextStyle.Bold),
            ActivityLevel.Events => Shown(Role("join_part"), background),
            _ => Shown(colour, background),
        };
    }

    /// <summary>The bright form of a basic colour (magenta → bright magenta, gray → white); a bright one stays.</summary>
    private static Color Brighter(Color colour) =>
        Enum.TryParse("Bright" + ColourName(colour), out ColorName16 bright) ? new Color(bright)
        : colour == Color.Gray ? Color.White : colour;

    private static string ColourName(Color colour) =>
        Enum.GetValues<ColorName16>().FirstOrDefault(n => new Color(n) == colour).ToString();

    /// <summary>Offline members are dimmed; the user's own name is highlighted.</summary>
    public static Attr ForMember(MemberViewModel member, Color background) =>
        member.IsSelf ? Shown(Role("own"), background)
        : member.Online ? Shown(Color.White, background)
        : Shown(Color.DarkGray, background);

    /// <summary>The input line: plain text on the terminal's background, not a grey bar.</summary>
    public static Scheme Input(Color background) => new(Shown(Color.White, background))
    {
        Focus = Shown(Color.White, background),
        Editable = Shown(Color.White, background),
    };

    /// <summary>Dialogs: light text on black, the focused row or button reversed.</summary>
    public static Scheme Dialog() => new(Shown(Color.White, Color.Black))
    {
        Focus = Shown(Color.Black, Color.Gray),
        HotNormal = Shown(Color.BrightYellow, Color.Black),
        HotFocus = Shown(Color.Black, Color.Gray),
        Active = Shown(Color.Black, Color.Gray),
    };

    private static Attr Shown(Color foreground, Color background, TextStyle style = TextStyle.None)
    {
        if (!EightColours)
        {
            return new Attr(foreground, background, style);
        }
        foreach ((Color rich, Color basic, bool bold) in EightColourSubstitutes)
        {
            if (foreground == rich)
            {
                return new Attr(basic, background, bold ? style | TextStyle.Bold : style);
            }
        }
        return new Attr(foreground, background, style);
    }

    /// <summary>Each colour an 8-colour terminal lacks, what shows instead, and whether in bold.</summary>
    private static readonly (Color Rich, Color Basic, bool Bold)[] EightColourSubstitutes =
    [
        (Color.DarkGray, Color.Gray, false),
        (Color.White, Color.Gray, true),
        (Color.BrightCyan, Color.Cyan, true),
        (Color.BrightYellow, Color.Yellow, true),
        (Color.BrightMagenta, Color.Magenta, true),
        (Color.BrightRed, Color.Red, true),
    ];

    /// <summary>The status line by connection health.</summary>
    public static Attr ForStatus(bool healthy, Color background) =>
        healthy ? Shown(Color.Gray, background) : Shown(Color.BrightRed, background, TextStyle.Bold);
}
