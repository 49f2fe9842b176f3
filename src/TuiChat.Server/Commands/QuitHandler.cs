using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>quit</c>: ends the session cleanly. The user is offline before the ok is queued, so a direct
/// message sent after the client saw its ok is kept for the next login, never sent to this closing
/// connection. The ok is flushed before the connection closes.
/// </summary>
public sealed class QuitHandler : CommandHandler<QuitRequest>
{
    protected override CommandResult Handle(CommandContext context, QuitRequest request)
    {
        context.Client.Ended = true;
        context.Services.State.RemoveUser(context.User, LeftReasons.Quit);
        return CommandResult.Done(new OkReply { Re = context.Re }, () => context.Client.Link.Disconnect(LeftReasons.Quit));
    }
}
