using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>kick</c>: the room's operator or the group's owner (or an admin) removes a member, with an optional reason.</summary>
public sealed class KickHandler(IRooms rooms) : CommandHandler<KickRequest>
{
    protected override void Handle(CommandContext context, KickRequest request)
    {
        if (!IsValidRoom(context, request.Room))
        {
            return;
        }
        // Refused rather than cut: the kicker is there to read why and try again.
        if (!StatusText.TryValidate(request.Reason, out string? reason, out string error))
        {
            context.Reply.Error(ErrorCodes.TextInvalid, $"a kick reason: {error}");
            return;
        }
        Outcome outcome = rooms.Kick(context.User, request.Room, request.User, reason);
        if (!outcome.Ok)
        {
            context.Reply.Fail(outcome);
            return;
        }
        context.Reply.Ok();
    }
}
