using System.Text;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Delivery;

namespace TuiChat.Server.Irc;

/// <summary>Registration: CAP negotiation, PASS, NICK, USER, SASL PLAIN, then the welcome burst.</summary>
public sealed partial class IrcConnection
{
    /// <summary>The capabilities offered (IRCv3), in CAP LS order.</summary>
    private static readonly string[] Capabilities =
        ["away-notify", "batch", "draft/chathistory", "echo-message", "labeled-response", "message-tags", "multi-prefix", "sasl", "server-time"];

    private void Cap(IrcMessage m)
    {
        switch (m.Param(0).ToUpperInvariant())
        {
            case "LS":
                if (_user is null)
                {
                    _capNegotiating = true;
                }
                bool v302 = int.TryParse(m.Param(1), out int version) && version >= 302;
                _reply.ServerLine("CAP", Nick, "LS", string.Join(' ', Capabilities.Select(c => v302 && c == "sasl" ? "sasl=PLAIN" : c)));
                break;
            case "LIST":
                _reply.ServerLine("CAP", Nick, "LIST", string.Join(' ', _caps.Order(StringComparer.Ordinal)));
                break;
            case "REQ":
                if (_user is null)
                {
                    _capNegotiating = true;
                }
                CapReq(m.Param(1));
                break;
            case "END":
                _capNegotiating = false;
                TryRegister();
                break;
            default:
                _reply.Numeric("410", m.Param(0), "Invalid CAP command");
                break;
        }
    }

    /// <summary>All or nothing, as the spec says: one unknown capability refuses the whole request.</summary>
    private void CapReq(string list)
    {
        string[] asked = list.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (asked.Any(a => !Capabilities.Contains(a.TrimStart('-'))))
        {
            _reply.ServerLine("CAP", Nick, "NAK", list);
            return;
        }
        foreach (string cap in asked)
        {
            if (cap[0] == '-')
            {
                _caps.Remove(cap[1..]);
            }
            else
            {
                _caps.Add(cap);
            }
        }
        _echo = _caps.Contains("echo-message");
        _awayNotify = _caps.Contains("away-notify");
        Out.Encoder = IrcEncoder.For(_caps.Contains("server-time"), _caps.Contains("message-tags"));
        _reply.ServerLine("CAP", Nick, "ACK", list);
    }

    private void Pass(IrcMessage m)
    {
        if (_user is not null)
        {
            _reply.Numeric("462", "You may not reregister");
            return;
        }
        if (Need(m, 1))
        {
            _pass = m.Param(0);
        }
    }

    private void NickCommand(IrcMessage m)
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
        if (_user is not null)
        {
            if (NameRules.Key(normalized) != _user.Key)
            {
                // A TuiChat identity is its name: changing it would be a new login.
                _reply.Numeric("447", "Cannot change nickname: your name is your identity here; reconnect to use another");
            }
            return;
        }
        _nick = normalized;
        TryRegister();
    }

    private void UserCommand(IrcMessage m)
    {
        if (_user is not null)
        {
            _reply.Numeric("462", "You may not reregister");
            return;
        }
        if (Need(m, 4))
        {
            _userReceived = true;
            TryRegister();
        }
    }

    private void Authenticate(IrcMessage m)
    {
        if (_user is not null || _saslAccount is not null)
        {
            _reply.Numeric("907", "You have already authenticated using SASL");
            return;
        }
        string arg = m.Param(0);
        if (arg == "*")
        {
            _saslStarted = false;
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
            _saslStarted = false;
            SaslPlain(arg);
        }
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
        Outcome outcome = Services.Accounts.Login(name, parts[2], RemoteAddress, out string account, out string role);
        if (!outcome.Ok)
        {
            Log.Information("SASL refused for {User} from {Address}: {Code}", LogText.Safe(name), RemoteAddress, outcome.Code);
            _reply.Numeric("904", "SASL authentication failed: " + outcome.Message);
            return;
        }
        _saslAccount = (account, role);
        string nick = IrcNames.ToNick(account);
        _reply.Numeric("900", $"{nick}!{nick}@{IrcEncoder.ServerName}", nick, $"You are now logged in as {nick}");
        _reply.Numeric("903", "SASL authentication successful");
    }

    /// <summary>Completes registration once NICK and USER are in and CAP negotiation (if any) has ended.</summary>
    private void TryRegister()
    {
        if (_user is not null || _nick is null || !_userReceived || _capNegotiating)
        {
            return;
        }
        ChatUser? user;
        Outcome outcome = _saslAccount is { } account
            ? _login.Enter(account.Name, account.Role, registered: true, this, out user)
            : _login.TryLogin(_nick, _pass, register: false, this, out user);
        if (!outcome.Ok)
        {
            RefuseLogin(outcome);
            return;
        }
        _user = user;
        _reply.Begin(null, Nick);
        Welcome();
        Flush();
        Services.State.JoinDefaultRooms(user!, this, joinGeneral: false);
        if (user!.Registered)
        {
            Out.AddSource(new OfflineDelivery(Services.Store, user.Name, Out.Encoder, acknowledged: false, Log));
        }
    }

    private void RefuseLogin(Outcome outcome)
    {
        Log.Information("IRC login refused for {User} from {Address}: {Code}", LogText.Safe(_nick), RemoteAddress, outcome.Code);
        if (outcome.Code is ErrorCodes.NameTaken or ErrorCodes.AlreadyLoggedIn && _pass is null)
        {
            _reply.Numeric("433", IrcNames.ToNick(_nick!), outcome.Message + " (log in with SASL or PASS, or pick another nick)");
            _nick = null;
            return;
        }
        _reply.Numeric("464", "Password incorrect: " + outcome.Message);
        if (++_failedLogins >= ProtocolLimits.MaxFailedHellos || _pass is not null)
        {
            _reply.ServerLine("ERROR", "Closing link: login failed");
            Flush();
            Disconnect(LeftReasons.Disconnect);
        }
    }

    private void Welcome()
    {
        string nick = Nick;
        ServerOptions options = Services.Options;
        _reply.Numeric("001", $"Welcome to the TuiChat IRC door, {nick}");
        _reply.Numeric("002", $"Your host is {IrcEncoder.ServerName}, running {options.ServerName}");
        _reply.Numeric("003", "This server shares its rooms with TuiChat's own clients");
        _reply.Numeric("004", IrcEncoder.ServerName, options.ServerName, "i", "int");
        _reply.Numeric("005", "CHANTYPES=#&", "PREFIX=(o)@", "CASEMAPPING=ascii", "CHANMODES=,,,int", $"NICKLEN={NickLength}",
            "NETWORK=TuiChat", $"CHANNELLEN={ProtocolLimits.MaxRoomNameLength + 1}", "TOPICLEN=512", $"AWAYLEN={StatusText.MaxLength}",
            $"CHATHISTORY={ProtocolLimits.MaxHistoryLimit}", "MSGREFTYPES=msgid", "UTF8ONLY", "are supported by this server");
        Lusers();
        Motd();
    }

    /// <summary>Room for the longest IDNA form of a 32-letter name.</summary>
    private const int NickLength = 64;

    private void Lusers()
    {
        int online = Services.State.OnlineCount;
        _reply.Numeric("251", $"There are {online} users and 0 invisible on 1 servers");
        _reply.Numeric("254", Services.State.ListRooms(_user!).Count.ToString(System.Globalization.CultureInfo.InvariantCulture), "channels formed");
        _reply.Numeric("255", $"I have {online} clients and 0 servers");
    }

    private void Motd()
    {
        string? motd = Services.Options.Motd;
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
