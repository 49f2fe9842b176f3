using Serilog;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>join</c>: enters a public room (creating it) or a group the user belongs to.</summary>
public sealed class JoinHandler(IRooms rooms, ILogger log) : CommandHandler<JoinRequest>
{
    protected override void Handle(CommandContext context, JoinRequest request)
    {
        if (!IsValidRoom(context, request.Room))
        {
            return;
        }
        Outcome outcome = rooms.Join(context.User, request.Room, out RoomView? view);
        if (!outcome.Ok)
        {
            context.Reply.Fail(outcome);
            return;
        }
        log.Information("{User} joined {Room}", context.User.Name, view!.Room);
        context.Reply.Ok(RoomReplies.From(context.Reply, view));
    }
}
