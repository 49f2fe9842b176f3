using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>leave</c>: leaves a room; leaving a group ends the membership.</summary>
public sealed class LeaveHandler : CommandHandler<LeaveRequest>
{
    protected override CommandResult Handle(CommandContext context, LeaveRequest request)
    {
        if (!IsValidRoom(request.Room, out CommandResult refusal))
        {
            return refusal;
        }
        Outcome outcome = context.Services.State.Leave(context.User, request.Room);
        if (!outcome.Ok)
        {
            return CommandResult.Fail(outcome);
        }
        context.Services.Log.Information("{User} left {Room}", context.User.Name, request.Room);
        return Ok(context);
    }
}
