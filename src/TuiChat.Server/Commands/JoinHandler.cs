using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>join</c>: enters a public room (creating it) or a group the user belongs to. Not logged, as an
/// IRC JOIN is not: the log records connections, logins and moderation, not who reads which room.
/// </summary>
public sealed class JoinHandler(IRooms rooms) : CommandHandler<JoinRequest>
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
        context.Reply.Ok(RoomReplies.From(context.Reply, view!));
    }
}
