using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Accounts;

namespace TuiChat.Server.Chat;

/// <summary>
/// The login rules every protocol applies (TuiChat <c>hello</c>, IRC NICK/PASS/SASL): a guest may
/// not take a registered name; an account logs in with its password or is registered; a guest's
/// name must not be online already, an account may be online in several sessions (<see cref="OnlineUsers"/>).
/// </summary>
public sealed class Login(ISessions sessions, AccountService accounts, ILogger log)
{
    /// <summary>Checks the name and password and puts the user online on <paramref name="link"/>.</summary>
    public Outcome TryLogin(string? rawName, string? password, bool register, IClientLink link, out ChatUser? user)
    {
        user = null;
        if (!NameRules.TryNormalizeUser(rawName, out string name, out string error))
        {
            return Outcome.Fail(ErrorCodes.NameInvalid, error);
        }

        string role = Roles.Guest;
        bool registered = password is not null;
        if (password is null)
        {
            if (accounts.FindRegisteredName(name) is not null)
            {
                return Outcome.Fail(ErrorCodes.NameTaken, $"{name} is a registered account; log in with its password");
            }
        }
        else if (register)
        {
            Outcome registeredOutcome = accounts.Register(name, password, link.RemoteAddress, out role);
            if (!registeredOutcome.Ok)
            {
                return registeredOutcome;
            }
            log.Information("Account {User} registered from {Address}", name, link.RemoteAddress);
        }
        else
        {
            Outcome loggedIn = accounts.Login(name, password, link.RemoteAddress, out name, out role);
            if (!loggedIn.Ok)
            {
                return loggedIn;
            }
        }

        return Enter(name, role, registered, link, out user);
    }

    /// <summary>
    /// Puts an already-checked user online on <paramref name="link"/> (an IRC client that authenticated
    /// with SASL earlier): a new user, or one more session of an account online already.
    /// </summary>
    public Outcome Enter(string name, string role, bool registered, IClientLink link, out ChatUser? user)
    {
        var candidate = new ChatUser(name, role, registered, link);
        Outcome added = sessions.AddUser(candidate, registered ? ErrorCodes.AlreadyLoggedIn : ErrorCodes.NameTaken, out user);
        if (added.Ok)
        {
            log.Information("{User} logged in as {Role} from {Address}", name, role, link.RemoteAddress);
        }
        return added;
    }
}
