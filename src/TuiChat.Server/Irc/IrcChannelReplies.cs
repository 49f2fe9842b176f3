using System.Text;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Irc;

/// <summary>
/// What a client is told about a channel: its topic (332/331) and its members (353/366). One place
/// for both the answers to TOPIC and NAMES and what follows one's own JOIN, however it came about
/// (a JOIN typed, an invitation, a login): the encoder writes the latter from the
/// <see cref="MemberJoined.RoomAtJoin"/> the join carries.
/// </summary>
public static class IrcChannelReplies
{
    /// <summary>What follows one's own JOIN of a channel: its topic when it has one, and its names.</summary>
    public static void AfterJoin(IIrcNumerics to, RoomView view)
    {
        Topic(to, view, always: false);
        Names(to, view);
    }

    /// <summary>The topic (332); without one, 331 only when <paramref name="always"/> (a TOPIC query).</summary>
    public static void Topic(IIrcNumerics to, RoomView view, bool always)
    {
        string channel = IrcNames.ToChannel(view.Room);
        if (view.Topic.Length > 0)
        {
            to.Numeric("332", channel, view.Topic);
        }
        else if (always)
        {
            to.Numeric("331", channel, "No topic is set");
        }
    }

    /// <summary>The members, the operator with <c>@</c>, in as many 353 lines as fit 512 bytes each, then 366.</summary>
    public static void Names(IIrcNumerics to, RoomView view)
    {
        string channel = IrcNames.ToChannel(view.Room);
        string kind = view.Private ? "*" : "=";
        // What a line leaves its names: 512 bytes less CR LF and ":server 353 nick = channel :", the nick at its longest.
        int fit = IrcEncoder.MaxLineBytes - 2 - IrcNames.NickLength - Encoding.UTF8.GetByteCount($":{IrcEncoder.ServerName} 353  {kind} {channel} :");
        var names = new StringBuilder();
        int bytes = 0;
        foreach (string member in view.Members)
        {
            string name = (IsOperator(view, member) ? "@" : "") + IrcNames.ToNick(member);
            int nameBytes = Encoding.UTF8.GetByteCount(name);
            if (names.Length > 0 && bytes + 1 + nameBytes > fit)
            {
                to.Numeric("353", kind, channel, names.ToString());
                names.Clear();
                bytes = 0;
            }
            if (names.Length > 0)
            {
                names.Append(' ');
                bytes++;
            }
            names.Append(name);
            bytes += nameBytes;
        }
        if (names.Length > 0)
        {
            to.Numeric("353", kind, channel, names.ToString());
        }
        to.Numeric("366", channel, "End of /NAMES list");
    }

    /// <summary>The room's operator (<see cref="RoomView.Operator"/>: a group's owner, a public room's creator) has <c>@</c>.</summary>
    public static bool IsOperator(RoomView view, string member) =>
        view.Operator.Length > 0 && Protocol.NameRules.Key(view.Operator) == Protocol.NameRules.Key(member);
}
