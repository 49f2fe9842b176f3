using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>leave</c>: leaves a room; leaving a group ends the membership. Not logged, as a join is not (<see cref="JoinHandler"/>).</summary>
public sealed class LeaveHandler(IRooms rooms) : CommandHandler<LeaveRequest>
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
        context.Reply.Ok();
    }
}
