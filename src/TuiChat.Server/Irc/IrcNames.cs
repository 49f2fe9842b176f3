using System.Globalization;
using System.Text;
using TuiChat.Protocol;

namespace TuiChat.Server.Irc;

/// <summary>
/// The mapping between TuiChat names and IRC names (docs/IRC.md). Rooms keep their name
/// (<c>#room</c>); groups (<c>+group</c>) become <c>&amp;group</c>, a channel type every client
/// accepts. A user name that is a valid ASCII nick stays as it is; '.' (not allowed in nicks)
/// becomes '|' (not allowed in TuiChat names); a name with other letters is written in IDNA
/// (punycode, <c>José</c> → <c>xn--jos-dma</c>), and a name that already reads as IDNA is escaped
/// (<c>xn--jos-dma</c> → <c>^xn--jos-dma</c>): stable, read back to the same name, never to another.
/// </summary>
public static class IrcNames
{
    public const char GroupChannelPrefix = '&';

    /// <summary>The longest nick (NICKLEN): room for the longest IDNA form of a 32-letter name.</summary>
    public const int NickLength = 64;

    /// <summary>Marks an ASCII label of a TuiChat name that starts with the IDNA prefix (<c>xn--</c>).</summary>
    private const char AceEscape = '^';

    private static readonly IdnMapping Idn = new() { AllowUnassigned = true, UseStd3AsciiRules = false };

    public static string ToChannel(string room) =>
        room[0] == NameRules.GroupPrefix ? GroupChannelPrefix + room[1..] : room;

    /// <summary>The TuiChat room of an IRC channel name, or null when it is not a channel name.</summary>
    public static string? FromChannel(string channel) => channel.Length < 2 ? null : channel[0] switch
    {
        NameRules.RoomPrefix => channel,
        GroupChannelPrefix => NameRules.GroupPrefix + channel[1..],
        _ => null,
    };

    public static bool IsChannel(string target) => target.Length > 0 && target[0] is NameRules.RoomPrefix or GroupChannelPrefix;

    /// <summary>
    /// The IRC nick of a TuiChat name, label by label ('.' becomes '|'): an ASCII label stays as it
    /// is, a label with other letters is written in IDNA, and an ASCII label that already reads as
    /// IDNA (<c>xn--jos-dma</c>, a name a user may pick) gets a leading <c>^</c> (allowed in nicks,
    /// not in TuiChat names), or it would be read back as another user (<c>josé</c>).
    /// </summary>
    public static string ToNick(string user)
    {
        // Most names are one ASCII label, their own nick: every line a user sends is encoded with it.
        if (!user.Contains('.') && Ascii.IsValid(user) && !IsAceLabel(user))
        {
            return user;
        }
        string[] labels = user.Split('.');
        for (int i = 0; i < labels.Length; i++)
        {
            string label = labels[i];
            if (IsAceLabel(label))
            {
                labels[i] = AceEscape + label;
            }
            else if (!Ascii.IsValid(label))
            {
                try
                {
                    labels[i] = Idn.GetAscii(label);
                }
                catch (ArgumentException)
                {
                    // Not expressible in IDNA (a label starting with '-'): the UTF-8 label, which most clients show.
                }
            }
        }
        return string.Join('|', labels);
    }

    /// <summary>The TuiChat spelling of a nick an IRC client typed (IDNA labels decoded, <c>^xn--</c> kept as written, '|' back to '.').</summary>
    public static string FromNick(string nick)
    {
        string[] labels = nick.Replace('|', '.').Split('.');
        for (int i = 0; i < labels.Length; i++)
        {
            string label = labels[i];
            if (label.StartsWith(AceEscape) && IsAceLabel(label[1..]))
            {
                labels[i] = label[1..];
            }
            else if (IsAceLabel(label))
            {
                try
                {
                    labels[i] = Idn.GetUnicode(label);
                }
                catch (ArgumentException)
                {
                    // Not valid punycode: the name as typed.
                }
            }
        }
        return string.Join('.', labels);
    }

    private static bool IsAceLabel(string label) => label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase);
}
