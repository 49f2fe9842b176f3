using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary><c>quit</c>: ends the session cleanly; the ok is flushed before the connection closes.</summary>
public sealed class QuitHandler : CommandHandler<QuitRequest>
{
    protected override void Handle(CommandContext context, QuitRequest request)
    {
        context.Client.Ended = true;
        context.Reply.Ok();
        context.Reply.Then(() => context.Client.Link.Disconnect(LeftReasons.Quit));
    }
}
