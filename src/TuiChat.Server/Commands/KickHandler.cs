using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>kick</c>: the group's owner (or an admin) removes a member.</summary>
public sealed class KickHandler : CommandHandler<KickRequest>
{
    protected override CommandResult Handle(CommandContext context, KickRequest request)
    {
        if (!IsValidRoom(request.Room, out CommandResult refusal))
        {
            return refusal;
        }
        Outcome outcome = context.Services.State.Kick(context.User, request.Room, request.User);
        if (!outcome.Ok)
        {
            return CommandResult.Fail(outcome);
        }
        context.Services.Log.Information("{User} kicked {Target} from {Room}", context.User.Name, request.User, request.Room);
        return Ok(context);
    }
}
