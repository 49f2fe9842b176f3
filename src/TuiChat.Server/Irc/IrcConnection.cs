using System.Net.Sockets;
using System.Text;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Connections;

namespace TuiChat.Server.Irc;

/// <summary>
/// An IRC client (docs/IRC.md): the reader reads lines, answers each command through the
/// connection's <see cref="IrcReplies"/>, and shares rooms, accounts and history with native
/// clients through the same chat core. Room events reach it as domain events that
/// <see cref="IrcEncoder"/> turns into IRC lines.
/// </summary>
public sealed partial class IrcConnection : Connection
{
    private static readonly byte[] PingLine = Encoding.UTF8.GetBytes($"PING :{IrcEncoder.ServerName}\r\n");

    private static readonly byte[] SendQueueLine = Encoding.UTF8.GetBytes("ERROR :Closing link: SendQ exceeded (you fell too far behind reading)\r\n");

    private readonly IrcReplies _reply = new();
    private readonly Login _login;
    private readonly HashSet<string> _caps = new(StringComparer.Ordinal);
    private ChatUser? _user;
    private string? _nick;
    private bool _userReceived;
    private string? _pass;
    private bool _capNegotiating;
    private (string Name, string Role)? _saslAccount;
    private bool _saslStarted;
    private int _failedLogins;
    private volatile bool _echo;
    private volatile bool _awayNotify;

    /// <summary>The reader thread: events it causes while handling a labelled command are that command's (<see cref="Send"/>).</summary>
    private int _readerThread;

    /// <summary>True while a labelled command is handled for a client with labeled-response. Reader thread only.</summary>
    private bool _labeling;

    /// <summary>The user whose QUIT was queued last: its other rooms' left events would repeat it. Under the ChatState lock.</summary>
    private string? _lastQuit;

    public IrcConnection(Socket socket, Func<Socket, Stream> openStream, ServerServices services, Action<Connection> onClosed, OutboundBudget? budget)
        : base(socket, openStream, services, IrcEncoder.For(false, false), onClosed, "irc reader", budget)
    {
        _login = new Login(services.State, services.Accounts, services.Log);
    }

    protected override ChatUser? User => _user;

    protected override bool AwaitingLogin => true;

    /// <summary>The nick numerics are addressed to.</summary>
    private string Nick => _user is not null ? IrcNames.ToNick(_user.Name) : _nick is not null ? IrcNames.ToNick(_nick) : "*";

    /// <summary>
    /// Filters what IRC shows differently: no echo of the lines this session sent without
    /// echo-message (a line the account sent from another session is shown, as its own, like a
    /// bouncer's self-message), one QUIT per user.
    /// </summary>
    public override SendResult Send(ChatEvent e)
    {
        switch (e)
        {
            case MessagePosted m when !_echo && m.Origin == this:
                return SendResult.Queued;
            case MemberLeft { SessionEnded: true } l:
                if (l.User == _lastQuit)
                {
                    return SendResult.Queued;
                }
                _lastQuit = l.User;
                break;
            case MemberJoined j:
                if (j.User == _lastQuit)
                {
                    _lastQuit = null;
                }
                if (j.Away is { } away && IsAwayNotifiedOf(away.User))
                {
                    // away-notify: a user who joins while away is followed by its AWAY.
                    SendResult joined = Queue(j);
                    if (joined == SendResult.Overflow)
                    {
                        return joined;
                    }
                    // The second queueing cannot claim the writer the first one claimed: keep its StartWriter.
                    SendResult then = Queue(away);
                    return then == SendResult.Queued ? joined : then;
                }
                break;
            case AwayChanged a when !IsAwayNotifiedOf(a.User):
                return SendResult.Queued;
        }
        return Queue(e);
    }

    /// <summary>away-notify is about others; one's own change is answered with 305/306.</summary>
    private bool IsAwayNotifiedOf(string user) => _awayNotify && (_user is null || user != _user.Name);

    private SendResult Queue(ChatEvent e)
    {
        if (_labeling && Environment.CurrentManagedThreadId == _readerThread)
        {
            // Caused by the labelled command being handled on this thread: it goes out with the
            // command's replies and carries its label (labeled-response), in the order queued.
            _reply.Event(e);
            return SendResult.Queued;
        }
        return base.Send(e);
    }

    protected override void SendIdlePing() => SendFrame(PingLine);

    protected override byte[] SendQueueNotice => SendQueueLine;

    protected override void Serve(Stream stream)
    {
        _readerThread = Environment.CurrentManagedThreadId;
        var reader = new IrcLineReader(stream);
        var rate = Services.Options.RatePerSecond > 0
            ? new Connections.TokenBucket(Services.Time, Services.Options.RatePerSecond, Services.Options.RateBurst)
            : null;
        while (!Closing)
        {
            IrcRead read = reader.Read(out string line);
            if (read == IrcRead.End)
            {
                return;
            }
            Received();
            _reply.Begin(null, Nick);
            if (read == IrcRead.TooLong)
            {
                _reply.Numeric("417", "Input line was too long");
            }
            else if (read == IrcRead.BadUtf8)
            {
                // The line is dropped, but its label (ASCII, read from the lenient decoding) is answered.
                IrcMessage? rejected = IrcMessage.Parse(line);
                _reply.Begin(rejected?.Label, Nick);
                _reply.ServerLine("FAIL", rejected?.Command ?? "*", "INVALID_UTF8", "Message rejected: it is not valid UTF-8");
            }
            else if (IrcMessage.Parse(line) is { } message)
            {
                WaitForToken(rate, message.Command);
                _reply.Begin(message.Label, Nick);
                _labeling = message.Label is not null && _caps.Contains("labeled-response");
                Handle(message);
            }
            Flush();
        }
    }

    /// <summary>
    /// Over the rate, the reader waits for the next token instead of dropping the command (ergo's
    /// "fakelag"): IRC clients have no way to learn a command was dropped, and a flood then slows
    /// only its sender.
    /// </summary>
    private void WaitForToken(Connections.TokenBucket? rate, string command)
    {
        if (rate is null || command == "PONG")
        {
            return;
        }
        while (!rate.TryTake() && !Closing)
        {
            Thread.Sleep(TimeSpan.FromSeconds(1 / Services.Options.RatePerSecond));
        }
    }

    private void Flush()
    {
        byte[] bytes = _reply.Take(_caps.Contains("labeled-response"), Out.Encoder);
        _labeling = false;
        if (bytes.Length > 0)
        {
            SendFrame(bytes);
        }
    }

    private void Handle(IrcMessage m)
    {
        switch (m.Command)
        {
            case "CAP": Cap(m); return;
            case "PASS": Pass(m); return;
            case "NICK": NickCommand(m); return;
            case "USER": UserCommand(m); return;
            case "AUTHENTICATE": Authenticate(m); return;
            case "PING": Ping(m); return;
            case "PONG": return;
            case "QUIT": Quit(m); return;
        }
        if (_user is null)
        {
            _reply.Numeric("451", "You have not registered");
            return;
        }
        switch (m.Command)
        {
            case "PRIVMSG": Privmsg(m, notice: false); break;
            case "NOTICE": Privmsg(m, notice: true); break;
            case "JOIN": Join(m); break;
            case "PART": Part(m); break;
            case "TOPIC": Topic(m); break;
            case "NAMES": Names(m); break;
            case "WHO": Who(m); break;
            case "WHOIS": Whois(m); break;
            case "LIST": List(m); break;
            case "WHOWAS": Whowas(m); break;
            case "ISON": Ison(m); break;
            case "USERHOST": Userhost(m); break;
            case "INVITE": Invite(m); break;
            case "KICK": Kick(m); break;
            case "MODE": Mode(m); break;
            case "AWAY": Away(m); break;
            case "LUSERS": Lusers(); break;
            case "MOTD": Motd(); break;
            case "CHATHISTORY": ChatHistory(m); break;
            case "TAGMSG":
                // message-tags is offered for msgid and server-time; TuiChat has no tag-only
                // messages (typing...), so a TAGMSG is accepted and not relayed rather than a 421.
                break;
            default: _reply.Numeric("421", m.Command, "Unknown command"); break;
        }
    }

    /// <summary>PONG with the token, even an empty one (<c>PING :</c>); no token at all is 409.</summary>
    private void Ping(IrcMessage m)
    {
        if (m.Params.Count == 0)
        {
            _reply.Numeric("409", "No origin specified");
            return;
        }
        _reply.ServerLine("PONG", IrcEncoder.ServerName, m.Param(0));
    }

    private void Quit(IrcMessage m)
    {
        string? said = m.Params.Count > 0 ? StatusText.Lenient(IrcText.StripFormatting(m.Param(0))) : null;
        _reply.ServerLine("ERROR", $"Closing link: {said ?? "Client quit"}");
        Flush();
        if (_user is not null)
        {
            // Offline with what the user said; the Disconnect below then finds it offline already.
            Services.State.RemoveUser(_user, this, LeftReasons.Quit, said);
        }
        Disconnect(LeftReasons.Quit);
    }

    private void Away(IrcMessage m)
    {
        // The same away state as the native `away`: native clients see it, and so do WHO, WHOIS and 301.
        string? text = m.Params.Count > 0 ? StatusText.Lenient(IrcText.StripFormatting(m.Param(0))) : null;
        Services.State.SetAway(_user!, text);
        _reply.Numeric(text is null ? "305" : "306", text is null ? "You are no longer marked as being away" : "You have been marked as being away");
    }

    /// <summary>Checks a needed parameter; on absence answers 461 and returns false.</summary>
    private bool Need(IrcMessage m, int count)
    {
        if (m.Params.Count >= count && m.Param(count - 1).Length > 0)
        {
            return true;
        }
        _reply.Numeric("461", m.Command, "Not enough parameters");
        return false;
    }
}
