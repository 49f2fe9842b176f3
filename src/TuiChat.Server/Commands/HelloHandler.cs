using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Delivery;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>hello</c>: logs a guest in, logs an account in, or registers one. Every refusal counts as a
/// failed hello; the fifth closes the connection. After the ok the user joins #general and its
/// groups and receives what was kept for it while offline, as its outbound queue drains (<see cref="OfflineDelivery"/>).
/// </summary>
public sealed class HelloHandler : CommandHandler<HelloRequest>
{
    protected override CommandResult Handle(CommandContext context, HelloRequest request)
    {
        if (context.Client.User is not null)
        {
            return CommandResult.Fail(ErrorCodes.AlreadyLoggedIn, $"this connection is logged in as {context.Client.User.Name}");
        }
        Outcome outcome = TryLogin(context, request, out ChatUser? user);
        if (!outcome.Ok)
        {
            ServerServices services = context.Services;
            services.Log.Information("Login refused for {User} from {Address}: {Code}", LogText.Safe(request.User), context.Client.Link.RemoteAddress, outcome.Code);
            if (++context.Client.FailedHellos >= ProtocolLimits.MaxFailedHellos)
            {
                services.Log.Warning("Closing {Address} after {Count} failed hellos", context.Client.Link.RemoteAddress, context.Client.FailedHellos);
                return new CommandResult(null, outcome, () => context.Client.Link.Disconnect(LeftReasons.Disconnect));
            }
            return CommandResult.Fail(outcome);
        }

        context.Client.User = user;
        context.Services.Log.Information("{User} logged in as {Role} from {Address}", user!.Name, user.Role, context.Client.Link.RemoteAddress);
        var ok = new HelloOk { Re = context.Re, User = user.Name, Role = user.Role, Server = context.Services.Options.ServerName, Motd = context.Services.Options.Motd };
        return CommandResult.Done(ok, () => AfterLogin(context, user, request.OfflineAck));
    }

    private static Outcome TryLogin(CommandContext context, HelloRequest request, out ChatUser? user)
    {
        user = null;
        ServerServices services = context.Services;
        if (request.Protocol != ProtocolLimits.Version)
        {
            return Outcome.Fail(ErrorCodes.ProtocolUnsupported, $"this server speaks protocol {ProtocolLimits.Version}");
        }
        if (!NameRules.TryNormalizeUser(request.User, out string name, out string error))
        {
            return Outcome.Fail(ErrorCodes.NameInvalid, error);
        }

        string role = Roles.Guest;
        bool registered = request.Password is not null;
        if (request.Password is null)
        {
            if (services.Accounts.FindRegisteredName(name) is not null)
            {
                return Outcome.Fail(ErrorCodes.NameTaken, $"{name} is a registered account; log in with its password");
            }
        }
        else if (request.Register)
        {
            Outcome registeredOutcome = services.Accounts.Register(name, request.Password, context.Client.Link.RemoteAddress, out role);
            if (!registeredOutcome.Ok)
            {
                return registeredOutcome;
            }
            services.Log.Information("Account {User} registered from {Address}", name, context.Client.Link.RemoteAddress);
        }
        else
        {
            Outcome login = services.Accounts.Login(name, request.Password, context.Client.Link.RemoteAddress, out name, out role);
            if (!login.Ok)
            {
                return login;
            }
        }

        var candidate = new ChatUser(name, role, registered, context.Client.Link);
        Outcome added = services.State.AddUser(candidate, registered ? ErrorCodes.AlreadyLoggedIn : ErrorCodes.NameTaken);
        if (added.Ok)
        {
            user = candidate;
        }
        return added;
    }

    private static void AfterLogin(CommandContext context, ChatUser user, bool offlineAck)
    {
        ServerServices services = context.Services;
        services.State.JoinDefaultRooms(user);
        if (!user.Registered)
        {
            return;
        }
        var offline = new OfflineDelivery(services.Store, user.Name, offlineAck, services.Log);
        context.Client.Offline = offline;
        user.Link.AddSource(offline);
    }
}
