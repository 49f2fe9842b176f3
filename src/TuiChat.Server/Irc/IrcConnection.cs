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
    private string? _away;
    private int _failedLogins;
    private volatile bool _echo;

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
            case MemberJoined j when j.User == _lastQuit:
                _lastQuit = null;
                break;
        }
        return base.Send(e);
    }

    protected override void SendIdlePing() => SendFrame(PingLine);

    protected override byte[] SendQueueNotice => SendQueueLine;

    protected override void Serve(Stream stream)
    {
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
                _reply.ServerLine("FAIL", "*", "INVALID_UTF8", "Message rejected: it is not valid UTF-8");
            }
            else if (IrcMessage.Parse(line) is { } message)
            {
                WaitForToken(rate, message.Command);
                _reply.Begin(message.Label, Nick);
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
        byte[] bytes = _reply.Take(_caps.Contains("labeled-response"));
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
            case "PING": _reply.ServerLine("PONG", IrcEncoder.ServerName, m.Param(0)); return;
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
            case "LIST": List(); break;
            case "INVITE": Invite(m); break;
            case "KICK": Kick(m); break;
            case "MODE": Mode(m); break;
            case "AWAY": Away(m); break;
            case "LUSERS": Lusers(); break;
            case "MOTD": Motd(); break;
            case "CHATHISTORY": ChatHistory(m); break;
            default: _reply.Numeric("421", m.Command, "Unknown command"); break;
        }
    }

    private void Quit(IrcMessage m)
    {
        string reason = m.Params.Count > 0 ? m.Param(0) : "Client quit";
        _reply.ServerLine("ERROR", $"Closing link: {reason}");
        Flush();
        Disconnect(LeftReasons.Quit);
    }

    private void Away(IrcMessage m)
    {
        _away = m.Params.Count > 0 && m.Param(0).Length > 0 ? m.Param(0) : null;
        _reply.Numeric(_away is null ? "305" : "306", _away is null ? "You are no longer marked as being away" : "You have been marked as being away");
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
