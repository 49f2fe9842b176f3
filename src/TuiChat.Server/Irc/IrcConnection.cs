using System.Net.Sockets;
using System.Text;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Connections;
using TuiChat.Server.Delivery;

namespace TuiChat.Server.Irc;

/// <summary>
/// An IRC client (docs/IRC.md): the reader reads lines and hands each command to the collaborator
/// whose job it is (registration, capabilities, channels, users, messages, history), which answer
/// through the session's <see cref="IrcReplies"/>; the rooms, accounts and history are shared with
/// native clients through the same chat core. Room events reach it as domain events that
/// <see cref="IrcEncoder"/> turns into IRC lines.
/// </summary>
public sealed class IrcConnection : Connection
{
    private static readonly byte[] PingLine = Encoding.UTF8.GetBytes($"PING :{IrcEncoder.ServerName}\r\n");

    private static readonly byte[] SendQueueLine = Encoding.UTF8.GetBytes("ERROR :Closing link: SendQ exceeded (you fell too far behind reading)\r\n");

    private readonly IrcSession _session;
    private readonly IrcReplies _reply;
    private readonly IrcRegistration _registration;
    private readonly IrcChannelCommands _channels;
    private readonly IrcUserCommands _users;
    private readonly IrcMessaging _messaging;
    private readonly IrcChatHistory _history;

    /// <summary>The reader thread: events it causes while handling a labelled command are that command's (<see cref="Send"/>).</summary>
    private int _readerThread;

    /// <summary>The rate limit (null without one); the reader thread alone takes from it.</summary>
    private TokenBucket? _rate;

    /// <summary>The user whose QUIT was queued last: its other rooms' left events would repeat it. Under the ChatState lock.</summary>
    private string? _lastQuit;

    public IrcConnection(Socket socket, Func<Socket, Stream> openStream, ServerServices services, Action<Connection> onClosed, OutboundBudget? budget)
        : base(socket, openStream, services, IrcEncoder.For(false, false), onClosed, "irc reader", budget)
    {
        _session = new IrcSession(this, services, Log);
        _reply = _session.Reply;
        _registration = new IrcRegistration(_session);
        _channels = new IrcChannelCommands(_session);
        _users = new IrcUserCommands(_session);
        _messaging = new IrcMessaging(_session);
        _history = new IrcChatHistory(_session);
    }

    protected override ChatUser? User => _session.User;

    protected override bool AwaitingLogin => true;

    /// <summary>True while a labelled command is handled for a client with labeled-response. Reader thread only.</summary>
    public bool Labeling { get; private set; }

    /// <summary>
    /// Filters what IRC shows differently: no echo of the lines this session sent without
    /// echo-message (a line the account sent from another session is shown, as its own, like a
    /// bouncer's self-message), one QUIT per user.
    /// </summary>
    public override SendResult Send(ChatEvent e)
    {
        switch (e)
        {
            // The origin first: it is on the event, which every member reads anyway, while the
            // session's capabilities are two more objects, cold at every member but the sender.
            case MessagePosted m when m.Origin == this && !_session.Caps.Echo:
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
    private bool IsAwayNotifiedOf(string user) => _session.Caps.AwayNotify && (_session.User is not { } me || user != me.Name);

    private SendResult Queue(ChatEvent e)
    {
        if (Labeling && Environment.CurrentManagedThreadId == _readerThread)
        {
            // Caused by the labelled command being handled on this thread: it goes out with the
            // command's replies and carries its label (labeled-response), in the order queued.
            _reply.Event(e);
            return SendResult.Queued;
        }
        return base.Send(e);
    }

    /// <summary>Starts the delivery of the direct messages a registered account was sent while offline.</summary>
    public void DeliverKeptLines(ChatUser user) =>
        Out.AddSource(new OfflineDelivery(Services.Store, user.Name, Out.Encoder, acknowledged: false, Log));

    protected override void SendIdlePing() => SendFrame(PingLine);

    protected override byte[] SendQueueNotice => SendQueueLine;

    protected override void Serve(Stream stream)
    {
        _readerThread = Environment.CurrentManagedThreadId;
        var reader = new IrcLineReader(stream);
        _rate = Services.Options.RatePerSecond > 0
            ? new TokenBucket(Services.Time, Services.Options.RatePerSecond, Services.Options.RateBurst)
            : null;
        while (!Closing)
        {
            if (!reader.HasLine)
            {
                StartHeldWriters();
            }
            IrcRead read = reader.Read(out string line);
            if (read == IrcRead.End)
            {
                return;
            }
            Received();
            HoldWriters();
            _reply.Begin(null, _session.Nick);
            if (read == IrcRead.TooLong)
            {
                _reply.Numeric("417", "Input line was too long");
            }
            else if (read == IrcRead.BadUtf8)
            {
                // The line is dropped, but its label (ASCII, read from the lenient decoding) is answered.
                IrcMessage? rejected = IrcMessage.Parse(line);
                _reply.Begin(rejected?.Label, _session.Nick);
                _reply.ServerLine("FAIL", rejected?.Command ?? "*", "INVALID_UTF8", "Message rejected: it is not valid UTF-8");
            }
            else if (IrcMessage.Parse(line) is { } message)
            {
                if (message.Command != "PONG")
                {
                    Pace(1);
                }
                _reply.Begin(message.Label, _session.Nick);
                Labeling = message.Label is not null && _session.Caps.LabeledResponse;
                Handle(message);
            }
            Flush();
        }
    }

    /// <summary>
    /// Takes <paramref name="tokens"/> rate tokens: one per line, and one per further target of a
    /// command with several (<see cref="IrcSession.Targets"/>). Over the rate, the reader waits for
    /// the next token instead of dropping the command (ergo's "fakelag"): IRC clients have no way to
    /// learn a command was dropped, and a flood then slows only its sender. Reader thread only.
    /// </summary>
    public void Pace(int tokens)
    {
        for (int i = 0; i < tokens && _rate is not null; i++)
        {
            while (!_rate.TryTake() && !Closing)
            {
                StartHeldWriters();
                Thread.Sleep(TimeSpan.FromSeconds(1 / Services.Options.RatePerSecond));
            }
        }
    }

    /// <summary>Sends the replies gathered so far (labelled as the client asked); later ones go out unlabelled.</summary>
    public void Flush()
    {
        byte[] bytes = _reply.Take(_session.Caps.LabeledResponse, Out.Encoder);
        Labeling = false;
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
            case "PASS": _registration.Pass(m); return;
            case "NICK": _registration.Nick(m); return;
            case "USER": _registration.User(m); return;
            case "AUTHENTICATE": _registration.Authenticate(m); return;
            case "PING": Ping(m); return;
            case "PONG": return;
            case "QUIT": Quit(m); return;
        }
        if (_session.User is null)
        {
            _reply.Numeric("451", "You have not registered");
            return;
        }
        switch (m.Command)
        {
            case "PRIVMSG": _messaging.Privmsg(m, notice: false); break;
            case "NOTICE": _messaging.Privmsg(m, notice: true); break;
            case "TAGMSG":
                // message-tags is offered for msgid and server-time; TuiChat has no tag-only
                // messages (typing...), so a TAGMSG is accepted and not relayed rather than a 421.
                break;
            case "JOIN": _channels.Join(m); break;
            case "PART": _channels.Part(m); break;
            case "TOPIC": _channels.Topic(m); break;
            case "NAMES": _channels.Names(m); break;
            case "LIST": _channels.List(m); break;
            case "INVITE": _channels.Invite(m); break;
            case "KICK": _channels.Kick(m); break;
            case "MODE" when m.Params.Count > 0 && !IrcNames.IsChannel(m.Param(0)): _users.Mode(m); break;
            case "MODE": _channels.Mode(m); break;
            case "AWAY": _users.Away(m); break;
            case "WHO": _users.Who(m); break;
            case "WHOIS": _users.Whois(m); break;
            case "WHOWAS": _users.Whowas(m); break;
            case "ISON": _users.Ison(m); break;
            case "USERHOST": _users.Userhost(m); break;
            case "LUSERS": _registration.Lusers(); break;
            case "MOTD": _registration.Motd(); break;
            case "VERSION": _registration.Version(); break;
            case "TIME": _registration.Time(); break;
            case "INFO": _registration.Info(); break;
            case "ADMIN": _registration.Admin(); break;
            case "HELP" or "HELPOP": IrcHelp.Answer(_reply, m); break;
            case "CHATHISTORY": _history.Answer(m); break;
            default: _reply.Numeric("421", m.Command, "Unknown command"); break;
        }
    }

    private void Cap(IrcMessage m)
    {
        bool ended = _session.Caps.Negotiate(m, _reply, _session.Nick, registered: _session.User is not null);
        Out.Encoder = _session.Caps.Encoder;
        if (ended)
        {
            _registration.TryRegister();
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
        string? said = m.Params.Count > 0 ? IrcSession.StatusTextOf(m.Param(0)) : null;
        _reply.ServerLine("ERROR", $"Closing link: {said ?? "Client quit"}");
        Flush();
        if (_session.User is { } user)
        {
            // Offline with what the user said; the Disconnect below then finds it offline already.
            Services.State.Sessions.RemoveUser(user, this, LeftReasons.Quit, said);
        }
        Disconnect(LeftReasons.Quit);
    }
}
