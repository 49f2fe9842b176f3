using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>admin.kick</c> (admin only): takes the user offline at once (its rooms get <c>left</c> with
/// reason "kicked", the user included) and closes every session of it after flushing.
/// </summary>
public sealed class AdminKickHandler(ISessions sessions, ILogger log) : CommandHandler<AdminKickRequest>
{
    private const int MaxReasonBytes = 512;

    protected override void Handle(CommandContext context, AdminKickRequest request)
    {
        if (!NameRules.TryValidateLine(request.Reason, MaxReasonBytes, out string reason, out string error))
        {
            context.Reply.Error(ErrorCodes.TextInvalid, error);
            return;
        }
        ChatUser? target = sessions.FindOnline(request.User);
        if (target is null)
        {
            context.Reply.Error(ErrorCodes.NoSuchUser, $"{request.User} is not online");
            return;
        }
        log.Warning("{Admin} kicked {User} off the server: {Reason}", context.User.Name, target.Name, reason);
        foreach (IClientLink session in sessions.SessionsOf(target))
        {
            session.Disconnect(LeftReasons.Kicked);
        }
        context.Reply.Ok();
    }
}
