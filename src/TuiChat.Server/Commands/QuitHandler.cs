using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>quit</c>: ends the session cleanly. The user is offline before the ok is queued, so a direct
/// message sent after the client saw its ok is kept for the next login, never sent to this closing
/// connection. The ok is flushed before the connection closes.
/// </summary>
public sealed class QuitHandler(ISessions sessions) : CommandHandler<QuitRequest>
{
    protected override void Handle(CommandContext context, QuitRequest request)
    {
        context.Client.Ended = true;
        // The reason is said to the rooms when it is valid; a quit is never refused for it.
        sessions.RemoveUser(context.User, LeftReasons.Quit, StatusText.Lenient(request.Reason));
        context.Reply.Ok();
        context.Reply.Then(() => context.Client.Link.Disconnect(LeftReasons.Quit));
    }
}
