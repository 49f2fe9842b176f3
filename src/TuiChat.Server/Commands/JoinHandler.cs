using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>join</c>: enters a public room (creating it) or a group the user belongs to.</summary>
public sealed class JoinHandler : CommandHandler<JoinRequest>
{
    protected override CommandResult Handle(CommandContext context, JoinRequest request)
    {
        if (!IsValidRoom(request.Room, out CommandResult refusal))
        {
            return refusal;
        }
        Outcome outcome = context.Services.State.Join(context.User, request.Room, out RoomView? view);
        if (!outcome.Ok)
        {
            return CommandResult.Fail(outcome);
        }
        context.Services.Log.Information("{User} joined {Room}", context.User.Name, view!.Room);
        return CommandResult.Done(RoomReplies.From(context, view));
    }
}
