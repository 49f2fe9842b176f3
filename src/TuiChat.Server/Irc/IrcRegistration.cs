using System.Text;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Irc;

/// <summary>
/// Registration: PASS, NICK, USER and SASL PLAIN, then the login into the shared core and the
/// welcome burst (001-005, LUSERS, MOTD); LUSERS and MOTD are also commands of their own, as are
/// the other questions about the server (VERSION, TIME, INFO, ADMIN).
/// </summary>
public sealed class IrcRegistration(IrcSession session)
{
    private readonly Login _login = new(session.Services.State.Sessions, session.Services.Accounts, session.Services.Log);
    private readonly IrcReplies _reply = session.Reply;
    private readonly Sessions _sessions = session.Services.State.Sessions;
    private readonly Rooms _rooms = session.Services.State.Rooms;
    private bool _userReceived;
    private string? _pass;
    private (string Name, string Role)? _saslAccount;
    private bool _saslStarted;
    private int _failedLogins;

    /// <summary>The base64 SASL message comes in AUTHENTICATE lines of this many bytes; a shorter one (or "+") ends it (IRCv3 sasl-3.1).</summary>
    private const int SaslPieceBytes = 400;

    /// <summary>
    /// The longest PLAIN message taken, in base64: authzid and authcid of a 32-character name and a
    /// 256-character password, four bytes each at most, with their separators.
    /// </summary>
    private const int MaxSaslBytes = (2 * ProtocolLimits.MaxUserNameLength * 4 + ProtocolLimits.MaxPasswordLength * 4 + 2 + 2) / 3 * 4;

    /// <summary>The pieces of the SASL message received so far.</summary>
    private readonly StringBuilder _saslMessage = new();

    public void Pass(IrcMessage m)
    {
        if (session.User is not null)
        {
            _reply.Numeric("462", "You may not reregister");
            return;
        }
        if (session.Need(m, 1))
        {
            _pass = m.Param(0);
        }
    }

    public void Nick(IrcMessage m)
    {
        if (m.Params.Count == 0 || m.Param(0).Length == 0)
        {
            _reply.Numeric("431", "No nickname given");
            return;
        }
        string name = IrcNames.FromNick(m.Param(0));
        if (!NameRules.TryNormalizeUser(name, out string normalized, out string error))
        {
            _reply.Numeric("432", m.Param(0), "Erroneous nickname: " + error);
            return;
        }
        if (session.User is { } user)
        {
            if (NameRules.Key(normalized) != user.Key)
            {
                // A TuiChat identity is its name: changing it would be a new login.
                _reply.Numeric("447", "Cannot change nickname: your name is your identity here; reconnect to use another");
            }
            else if (m.Param(0) != session.Nick)
            {
                // The same name written otherwise (another case): said, rather than nothing at all.
                _reply.Numeric("447", $"Cannot change nickname: {m.Param(0)} is the name you have, {session.Nick}; names ignore case here and keep the form they logged in with");
            }
            return;
        }
        session.RequestedName = normalized;
        TryRegister();
    }

    public void User(IrcMessage m)
    {
        if (session.User is not null)
        {
            _reply.Numeric("462", "You may not reregister");
            return;
        }
        if (session.Need(m, 4))
        {
            _userReceived = true;
            TryRegister();
        }
    }

    public void Authenticate(IrcMessage m)
    {
        if (session.User is not null || _saslAccount is not null)
        {
            _reply.Numeric("907", "You have already authenticated using SASL");
            return;
        }
        string arg = m.Param(0);
        if (arg == "*")
        {
            EndSasl();
            _reply.Numeric("906", "SASL authentication aborted");
        }
        else if (!_saslStarted)
        {
            if (!arg.Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
            {
                _reply.Numeric("908", "PLAIN", "are available SASL mechanisms");
                _reply.Numeric("904", "SASL authentication failed");
                return;
            }
            _saslStarted = true;
            _reply.Line(null, null, "AUTHENTICATE", "+");
        }
        else
        {
            SaslPiece(arg);
        }
    }

    /// <summary>
    /// One piece of the SASL message: a password may be 256 characters, so PLAIN may not fit one
    /// line; a piece of exactly 400 bytes says another follows (<c>+</c> when there is nothing more).
    /// </summary>
    private void SaslPiece(string piece)
    {
        if (piece.Length > SaslPieceBytes || _saslMessage.Length + piece.Length > MaxSaslBytes)
        {
            EndSasl();
            _reply.Numeric("905", "SASL message too long");
            return;
        }
        if (piece != "+")
        {
            _saslMessage.Append(piece);
        }
        if (piece.Length == SaslPieceBytes)
        {
            return;
        }
        string message = _saslMessage.ToString();
        EndSasl();
        SaslPlain(message);
    }

    private void EndSasl()
    {
        _saslStarted = false;
        _saslMessage.Clear();
    }

    /// <summary>PLAIN: base64 of "authzid NUL authcid NUL password", checked against the account store.</summary>
    private void SaslPlain(string base64)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\0');
        }
        catch (FormatException)
        {
            parts = [];
        }
        if (parts.Length != 3)
        {
            _reply.Numeric("904", "SASL authentication failed: malformed PLAIN message");
            return;
        }
        string name = IrcNames.FromNick(parts[1]);
        Outcome outcome = session.Services.Accounts.Login(name, parts[2], session.Connection.RemoteAddress, out string account, out string role);
        if (!outcome.Ok)
        {
            session.Log.Information("SASL refused for {User} from {Address}: {Code}", LogText.Safe(name), session.Connection.RemoteAddress, outcome.Code);
            _reply.Numeric("904", "SASL authentication failed: " + outcome.Message);
            return;
        }
        _saslAccount = (account, role);
        string nick = IrcNames.ToNick(account);
        _reply.Numeric("900", $"{nick}!{nick}@{IrcEncoder.ServerName}", nick, $"You are now logged in as {nick}");
        _reply.Numeric("903", "SASL authentication successful");
    }

    /// <summary>Completes registration once NICK and USER are in and CAP negotiation (if any) has ended.</summary>
    public void TryRegister()
    {
        if (session.User is not null || session.RequestedName is not { } name || !_userReceived || session.Caps.Negotiating)
        {
            return;
        }
        IrcConnection connection = session.Connection;
        ChatUser? user;
        Outcome outcome = _saslAccount is { } account
            ? _login.Enter(account.Name, account.Role, registered: true, connection, out user)
            : _login.TryLogin(name, _pass, register: false, connection, out user);
        if (!outcome.Ok)
        {
            RefuseLogin(outcome);
            return;
        }
        session.User = user;
        _reply.Begin(null, session.Nick);
        Welcome();
        connection.Flush();
        _sessions.JoinDefaultRooms(user!, connection, joinGeneral: false);
        if (user!.Registered)
        {
            connection.DeliverKeptLines(user);
        }
    }

    private void RefuseLogin(Outcome outcome)
    {
        string name = session.RequestedName!;
        session.Log.Information("IRC login refused for {User} from {Address}: {Code}", LogText.Safe(name), session.Connection.RemoteAddress, outcome.Code);
        if (outcome.Code is ErrorCodes.NameTaken or ErrorCodes.AlreadyLoggedIn && _pass is null)
        {
            _reply.Numeric("433", IrcNames.ToNick(name), outcome.Message + " (log in with SASL or PASS, or pick another nick)");
            session.RequestedName = null;
            return;
        }
        _reply.Numeric("464", "Password incorrect: " + outcome.Message);
        if (++_failedLogins >= ProtocolLimits.MaxFailedHellos || _pass is not null)
        {
            _reply.ServerLine("ERROR", "Closing link: login failed");
            session.Connection.Flush();
            session.Connection.Disconnect(LeftReasons.Disconnect);
        }
    }

    private void Welcome()
    {
        string nick = session.Nick;
        ServerOptions options = session.Services.Options;
        _reply.Numeric("001", $"Welcome to the TuiChat IRC door, {nick}");
        _reply.Numeric("002", $"Your host is {IrcEncoder.ServerName}, running {options.ServerName}");
        _reply.Numeric("003", "This server shares its rooms with TuiChat's own clients");
        _reply.Numeric("004", IrcEncoder.ServerName, options.ServerName, "i", "int");
        ISupport();
        Lusers();
        Motd();
        // Every user is +i here (IrcUserCommands.Mode): said once, as servers that set it by
        // default do, so that a client shows it (irssi's status bar) and its own +i changes nothing.
        _reply.Line(null, nick, "MODE", nick, "+i");
    }

    private void ISupport() =>
        _reply.Numeric("005", "CHANTYPES=#&", "PREFIX=(o)@", "CASEMAPPING=ascii", "CHANMODES=,,,int", $"NICKLEN={IrcNames.NickLength}",
            "NETWORK=TuiChat", $"CHANNELLEN={ProtocolLimits.MaxRoomNameLength + 1}", "TOPICLEN=512", $"AWAYLEN={StatusText.MaxLength}",
            $"CHATHISTORY={ProtocolLimits.MaxHistoryLimit}", "MSGREFTYPES=timestamp,msgid", "UTF8ONLY", IrcTargets.TargMax, "are supported by this server");

    /// <summary>VERSION (irssi's and WeeChat's <c>/version</c>): 351, then the 005 tokens again, as the IRC specification asks.</summary>
    public void Version()
    {
        _reply.Numeric("351", session.Services.Options.ServerName, IrcEncoder.ServerName, "TuiChat's IRC door");
        ISupport();
    }

    /// <summary>TIME: the server's clock (391), as a Unix time and in words, in UTC.</summary>
    public void Time()
    {
        DateTimeOffset now = session.Services.Time.GetUtcNow();
        _reply.Numeric("391", IrcEncoder.ServerName, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "0",
            now.ToString("dddd, d MMMM yyyy, HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>INFO: what this server is (371), then 374.</summary>
    public void Info()
    {
        _reply.Numeric("371", $"{session.Services.Options.ServerName}: TuiChat's IRC door");
        _reply.Numeric("371", IrcHelp.About);
        _reply.Numeric("371", "HELP says what each command does here, and how groups, names and files look.");
        _reply.Numeric("374", "End of INFO list");
    }

    /// <summary>ADMIN: the server publishes no administrative contact (423); WHO marks its admins.</summary>
    public void Admin() => _reply.Numeric("423", IrcEncoder.ServerName, "No administrative info available");

    public void Lusers()
    {
        int online = _sessions.OnlineCount;
        _reply.Numeric("251", $"There are 0 users and {online} invisible on 1 servers");
        _reply.Numeric("254", _rooms.ListRooms(session.Me).Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "channels formed");
        _reply.Numeric("255", $"I have {online} clients and 0 servers");
    }

    public void Motd()
    {
        string? motd = session.Services.Options.Motd;
        if (string.IsNullOrEmpty(motd))
        {
            _reply.Numeric("422", "MOTD File is missing");
            return;
        }
        _reply.Numeric("375", $"- {IrcEncoder.ServerName} Message of the day -");
        foreach (string line in motd.Split('\n'))
        {
            _reply.Numeric("372", "- " + line.TrimEnd('\r'));
        }
        _reply.Numeric("376", "End of /MOTD command");
    }
}
