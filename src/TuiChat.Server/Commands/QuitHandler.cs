using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>quit</c>: ends the session cleanly. The session has ended before the ok is queued (the user
/// is offline unless it has other sessions), so a direct message sent after the client saw its ok
/// is never sent to this closing connection (it is kept for the next login when no session is left). The ok is flushed before the connection closes.
/// </summary>
public sealed class QuitHandler(ISessions sessions) : CommandHandler<QuitRequest>
{
    protected override void Handle(CommandContext context, QuitRequest request)
    {
        context.Client.Ended = true;
        sessions.RemoveUser(context.User, context.Client.Link, LeftReasons.Quit);
        context.Reply.Ok();
        context.Reply.Then(() => context.Client.Link.Disconnect(LeftReasons.Quit));
    }
}
