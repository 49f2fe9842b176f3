using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary><c>admin.shutdown</c> (admin only): acknowledges, then the server shuts down gracefully.</summary>
public sealed class AdminShutdownHandler(IServerControl control, ILogger log) : CommandHandler<AdminShutdownRequest>
{
    private const int MaxReasonBytes = 512;

    protected override void Handle(CommandContext context, AdminShutdownRequest request)
    {
        if (!NameRules.TryValidateLine(request.Reason, MaxReasonBytes, out string reason, out string error))
        {
            context.Reply.Error(ErrorCodes.TextInvalid, error);
            return;
        }
        string by = context.User.Name;
        log.Warning("Shutdown requested by {User}: {Reason}", by, reason);
        context.Reply.Ok();
        context.Reply.Then(() => control.RequestShutdown(by, reason));
    }
}
