namespace TuiChat.Server.Irc;

/// <summary>
/// IRCv3 capability negotiation (CAP LS/LIST/REQ/END) and what the client negotiated. The set is
/// the reader thread's; the two flags the event path reads on other threads are volatile.
/// </summary>
public sealed class IrcCapabilities
{
    /// <summary>The capabilities offered (IRCv3), in CAP LS order.</summary>
    private static readonly string[] Offered =
        ["away-notify", "batch", "draft/chathistory", "echo-message", "labeled-response", "message-tags", "multi-prefix", "sasl", "server-time"];

    private readonly HashSet<string> _enabled = new(StringComparer.Ordinal);
    private volatile bool _echo;
    private volatile bool _awayNotify;

    /// <summary>True from the first CAP LS or REQ before registration until CAP END: registration waits for it.</summary>
    public bool Negotiating { get; private set; }

    /// <summary>echo-message: the client's own lines come back to it.</summary>
    public bool Echo => _echo;

    /// <summary>away-notify: others' away changes are sent as AWAY lines.</summary>
    public bool AwayNotify => _awayNotify;

    /// <summary>
    /// labeled-response, with batch too: the replies to a labelled command that are several lines
    /// come in a batch, which a client that did not enable batch must never get. Without batch a
    /// labelled command is answered as any other (InspIRCd does the same).
    /// </summary>
    public bool LabeledResponse => _enabled.Contains("labeled-response") && Batch;

    public bool Batch => _enabled.Contains("batch");

    /// <summary>The encoder for the tags the client asked for (server-time, message-tags).</summary>
    public IrcEncoder Encoder => IrcEncoder.For(_enabled.Contains("server-time"), _enabled.Contains("message-tags"));

    /// <summary>Answers a CAP command; true when it was CAP END (registration may complete).</summary>
    public bool Negotiate(IrcMessage m, IrcReplies reply, string nick, bool registered)
    {
        switch (m.Param(0).ToUpperInvariant())
        {
            case "LS":
                Negotiating |= !registered;
                bool v302 = int.TryParse(m.Param(1), out int version) && version >= 302;
                reply.ServerLine("CAP", nick, "LS", string.Join(' ', Offered.Select(c => v302 && c == "sasl" ? "sasl=PLAIN" : c)));
                return false;
            case "LIST":
                reply.ServerLine("CAP", nick, "LIST", string.Join(' ', _enabled.Order(StringComparer.Ordinal)));
                return false;
            case "REQ":
                Negotiating |= !registered;
                Request(m.Param(1), reply, nick);
                return false;
            case "END":
                Negotiating = false;
                return true;
            default:
                reply.Numeric("410", m.Param(0), "Invalid CAP command");
                return false;
        }
    }

    /// <summary>All or nothing, as the spec says: one unknown capability refuses the whole request.</summary>
    private void Request(string list, IrcReplies reply, string nick)
    {
        string[] asked = list.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (asked.Any(a => !Offered.Contains(a.TrimStart('-'))))
        {
            reply.ServerLine("CAP", nick, "NAK", list);
            return;
        }
        foreach (string cap in asked)
        {
            if (cap[0] == '-')
            {
                _enabled.Remove(cap[1..]);
            }
            else
            {
                _enabled.Add(cap);
            }
        }
        _echo = _enabled.Contains("echo-message");
        _awayNotify = _enabled.Contains("away-notify");
        reply.ServerLine("CAP", nick, "ACK", list);
    }
}
