using Serilog;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>kick</c>: the group's owner (or an admin) removes a member.</summary>
public sealed class KickHandler(IRooms rooms, ILogger log) : CommandHandler<KickRequest>
{
    protected override void Handle(CommandContext context, KickRequest request)
    {
        if (!IsValidRoom(context, request.Room))
        {
            return;
        }
        Outcome outcome = rooms.Kick(context.User, request.Room, request.User);
        if (!outcome.Ok)
        {
            context.Reply.Fail(outcome);
            return;
        }
        log.Information("{User} kicked {Target} from {Room}", context.User.Name, request.User, request.Room);
        context.Reply.Ok();
    }
}
