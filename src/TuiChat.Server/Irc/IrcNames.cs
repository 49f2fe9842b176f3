using System.Globalization;
using TuiChat.Protocol;

namespace TuiChat.Server.Irc;

/// <summary>
/// The mapping between TuiChat names and IRC names (docs/IRC.md). Rooms keep their name
/// (<c>#room</c>); groups (<c>+group</c>) become <c>&amp;group</c>, a channel type every client
/// accepts. A user name that is a valid ASCII nick stays as it is; '.' (not allowed in nicks)
/// becomes '|' (not allowed in TuiChat names); a name with other letters is written in IDNA
/// (punycode, <c>José</c> → <c>xn--jos-dma</c>): stable, and read back to the same name.
/// </summary>
public static class IrcNames
{
    public const char GroupChannelPrefix = '&';

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

    public static string ToNick(string user)
    {
        bool ascii = true;
        foreach (char c in user)
        {
            ascii &= c < 0x80;
        }
        string dotted = user;
        if (!ascii || HasAceLabel(user))
        {
            try
            {
                dotted = Idn.GetAscii(user);
            }
            catch (ArgumentException)
            {
                // Not expressible in IDNA (a label starting with '-'): the UTF-8 name, which most clients show.
            }
        }
        return dotted.Replace('.', '|');
    }

    /// <summary>The TuiChat spelling of a nick an IRC client typed (IDNA labels decoded, '|' back to '.').</summary>
    public static string FromNick(string nick)
    {
        string dotted = nick.Replace('|', '.');
        if (!HasAceLabel(dotted))
        {
            return dotted;
        }
        try
        {
            return Idn.GetUnicode(dotted);
        }
        catch (ArgumentException)
        {
            return dotted;
        }
    }

    private static bool HasAceLabel(string name)
    {
        foreach (string label in name.Split('.'))
        {
            if (label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
