using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary><c>admin.shutdown</c> (admin only): acknowledges, then the server shuts down gracefully.</summary>
public sealed class AdminShutdownHandler : CommandHandler<AdminShutdownRequest>
{
    private const int MaxReasonBytes = 512;

    protected override CommandResult Handle(CommandContext context, AdminShutdownRequest request)
    {
        if (!NameRules.TryValidateLine(request.Reason, MaxReasonBytes, out string reason, out string error))
        {
            return CommandResult.Fail(ErrorCodes.TextInvalid, error);
        }
        string by = context.User.Name;
        context.Services.Log.Warning("Shutdown requested by {User}: {Reason}", by, reason);
        return CommandResult.Done(new OkReply { Re = context.Re }, () => context.Services.Control.RequestShutdown(by, reason));
    }
}
