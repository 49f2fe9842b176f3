using Serilog;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>leave</c>: leaves a room; leaving a group ends the membership.</summary>
public sealed class LeaveHandler(IRooms rooms, ILogger log) : CommandHandler<LeaveRequest>
{
    protected override void Handle(CommandContext context, LeaveRequest request)
    {
        if (!IsValidRoom(context, request.Room))
        {
            return;
        }
        Outcome outcome = rooms.Leave(context.User, request.Room);
        if (!outcome.Ok)
        {
            context.Reply.Fail(outcome);
            return;
        }
        log.Information("{User} left {Room}", context.User.Name, request.Room);
        context.Reply.Ok();
    }
}
