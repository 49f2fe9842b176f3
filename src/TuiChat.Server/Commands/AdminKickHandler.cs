using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>admin.kick</c> (admin only): takes the user offline at once (its rooms get <c>left</c> with
/// reason "kicked", the user included) and closes its connection after flushing.
/// </summary>
public sealed class AdminKickHandler : CommandHandler<AdminKickRequest>
{
    private const int MaxReasonBytes = 512;

    protected override CommandResult Handle(CommandContext context, AdminKickRequest request)
    {
        if (!NameRules.TryValidateLine(request.Reason, MaxReasonBytes, out string reason, out string error))
        {
            return CommandResult.Fail(ErrorCodes.TextInvalid, error);
        }
        ChatUser? target = context.Services.State.FindOnline(request.User);
        if (target is null)
        {
            return CommandResult.Fail(ErrorCodes.NoSuchUser, $"{request.User} is not online");
        }
        context.Services.Log.Warning("{Admin} kicked {User} off the server: {Reason}", context.User.Name, target.Name, reason);
        target.Link.Disconnect(LeftReasons.Kicked);
        return Ok(context);
    }
}
