using Serilog;
using TuiChat.Protocol;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Irc;

/// <summary>
/// One IRC client as its command handlers see it: who it is once registered, what it negotiated,
/// where the current command's replies go, and the answers every handler shares (461, 403 and the
/// numerics a core refusal maps to). The reader thread alone uses it.
/// </summary>
public sealed class IrcSession(IrcConnection connection, ServerServices services, ILogger log)
{
    /// <summary>The client's link to the chat core (the sender of its lines, the recipient of its events).</summary>
    public IrcConnection Connection { get; } = connection;

    public ServerServices Services { get; } = services;

    public ILogger Log { get; } = log;

    public IrcReplies Reply { get; } = new();

    public IrcCapabilities Caps { get; } = new();

    /// <summary>The user once registration completed; null before.</summary>
    public ChatUser? User { get; set; }

    /// <summary>The name NICK asked for, before registration completes.</summary>
    public string? RequestedName { get; set; }

    /// <summary>The registered user; the commands that use it are handled only after registration.</summary>
    public ChatUser Me => User!;

    /// <summary>The nick numerics are addressed to ("*" before NICK).</summary>
    public string Nick => User is not null ? IrcNames.ToNick(User.Name) : RequestedName is not null ? IrcNames.ToNick(RequestedName) : "*";

    /// <summary>Checks a needed parameter; on absence answers 461 and returns false.</summary>
    public bool Need(IrcMessage m, int count)
    {
        if (m.Params.Count >= count && m.Param(count - 1).Length > 0)
        {
            return true;
        }
        Reply.Numeric("461", m.Command, "Not enough parameters");
        return false;
    }

    /// <summary>
    /// The distinct targets of a command's comma list (<see cref="IrcTargets"/>), up to its TARGMAX;
    /// each target past the first costs one more rate token, as a line of its own would. A target
    /// past the limit is answered with 407 (a NOTICE never is) and not handled.
    /// </summary>
    public List<string> Targets(IrcMessage m)
    {
        int max = IrcTargets.Limits[m.Command];
        List<string> targets = IrcTargets.Parse(m.Param(0), max, out string? dropped);
        Connection.Pace(targets.Count - 1);
        if (dropped is not null && m.Command != "NOTICE")
        {
            Reply.Numeric("407", dropped, $"Too many targets: {m.Command} takes at most {max} distinct ones; this one and those after it were not handled");
        }
        return targets;
    }

    /// <summary>The TuiChat room of a channel argument; answers 403 (and returns null) when it is not a valid one.</summary>
    public string? Room(string channel)
    {
        string? room = IrcNames.FromChannel(channel);
        if (room is not null && NameRules.TryValidateRoom(room, out _))
        {
            return room;
        }
        Reply.Numeric("403", channel, "No such channel");
        return null;
    }

    /// <summary>Maps a core refusal onto the numeric IRC clients expect.</summary>
    public void Refuse(Outcome outcome, string channel, string notMemberNumeric, string? nick = null)
    {
        switch (outcome.Code)
        {
            case ErrorCodes.NoSuchRoom:
                Reply.Numeric("403", channel, outcome.Message);
                break;
            case ErrorCodes.NoSuchUser:
                Reply.Numeric("401", nick ?? channel, outcome.Message);
                break;
            case ErrorCodes.NotAMember:
                Reply.Numeric(notMemberNumeric, channel, outcome.Message);
                break;
            case ErrorCodes.NotAllowed:
                Reply.Numeric("482", channel, outcome.Message);
                break;
            default:
                Reply.ServerLine("FAIL", "*", outcome.Code!.ToUpperInvariant(), outcome.Message);
                break;
        }
    }

    /// <summary>A status text a client sent (away text, quit, part or kick reason): formatting stripped, one line, cut to length.</summary>
    public static string? StatusTextOf(string ircText) => StatusText.Lenient(IrcText.StripFormatting(ircText));
}
