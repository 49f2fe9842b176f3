using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Accounts;
using TuiChat.Server.Chat;
using TuiChat.Server.Connections;
using TuiChat.Server.Delivery;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>hello</c>: logs a guest in, logs an account in, or registers one. Every refusal counts as a
/// failed hello; the fifth closes the connection. An account's ok lists its conversations with their
/// read state. After the ok the user joins #general (or the public rooms the hello lists instead) and
/// its remembered rooms and groups, and receives what was kept for it while offline, as its outbound
/// queue drains (<see cref="OfflineDelivery"/>).
/// </summary>
public sealed class HelloHandler(ISessions sessions, IRooms rooms, IPeople people, ReadState readState, AccountService accounts, IChatStore store, ServerOptions options, ILogger log) : CommandHandler<HelloRequest>
{
    protected override void Handle(CommandContext context, HelloRequest request)
    {
        ClientSession client = context.Client;
        if (client.User is not null)
        {
            context.Reply.Error(ErrorCodes.AlreadyLoggedIn, $"this connection is logged in as {client.User.Name}");
            return;
        }
        if (request.Protocol != ProtocolLimits.Version)
        {
            Refuse(context, request.User, Outcome.Fail(ErrorCodes.ProtocolUnsupported, $"this server speaks protocol {ProtocolLimits.Version}"));
            return;
        }
        if (!AreRoomsToStartIn(request.Rooms, out Outcome badRooms))
        {
            Refuse(context, request.User, badRooms);
            return;
        }
        var login = new Login(sessions, accounts, log);
        Outcome outcome = login.TryLogin(request.User, request.Password, request.Register, client.Link, out ChatUser? user);
        if (!outcome.Ok)
        {
            Refuse(context, request.User, outcome);
            return;
        }

        client.User = user;
        bool joinGeneral = request.Rooms is null || request.Rooms.Any(room => NameRules.Key(room) == NameRules.Key(ChatCore.DefaultRoom));
        context.Reply.Ok(new HelloOk
        {
            Re = context.Reply.OkRe, User = user!.Name, Role = user.Role, Server = options.ServerName, Motd = options.Motd,
            Conversations = ConversationReplies.ForAccount(people, readState, user, withGeneral: joinGeneral),
        });
        context.Reply.Then(() =>
        {
            sessions.JoinDefaultRooms(user, client.Link, joinGeneral);
            foreach (string room in request.Rooms ?? [])
            {
                // A public room is always open to join (it is created if need be).
                rooms.Join(user, room, out _);
            }
            if (user.Registered)
            {
                var offline = new OfflineDelivery(store, user.Name, TuiChatEncoder.Instance, request.OfflineAck, log);
                client.Offline = offline;
                client.Link.AddSource(offline);
            }
        });
    }

    /// <summary>Whether <paramref name="names"/>, when given, lists at most <see cref="ProtocolLimits.MaxHelloRooms"/> public room names.</summary>
    private static bool AreRoomsToStartIn(IReadOnlyList<string>? names, out Outcome refusal)
    {
        refusal = Outcome.Success;
        if (names is null)
        {
            return true;
        }
        if (names.Count > ProtocolLimits.MaxHelloRooms)
        {
            refusal = Outcome.Fail(ErrorCodes.BadRequest, $"rooms: at most {ProtocolLimits.MaxHelloRooms}; join the others after the login");
            return false;
        }
        foreach (string name in names)
        {
            if (!NameRules.TryValidateRoom(name, out string error))
            {
                refusal = Outcome.Fail(ErrorCodes.RoomInvalid, error);
                return false;
            }
            if (name[0] != NameRules.RoomPrefix)
            {
                refusal = Outcome.Fail(ErrorCodes.RoomInvalid, $"{name} is a group: its members are joined to it at login");
                return false;
            }
        }
        return true;
    }

    private void Refuse(CommandContext context, string? name, Outcome outcome)
    {
        ClientSession client = context.Client;
        log.Information("Login refused for {User} from {Address}: {Code}", LogText.Safe(name), client.Link.RemoteAddress, outcome.Code);
        context.Reply.Fail(outcome);
        if (++client.FailedHellos >= ProtocolLimits.MaxFailedHellos)
        {
            log.Warning("Closing {Address} after {Count} failed hellos", client.Link.RemoteAddress, client.FailedHellos);
            context.Reply.Then(() => client.Link.Disconnect(LeftReasons.Disconnect));
        }
    }
}
