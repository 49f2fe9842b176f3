using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary><c>pong</c>: the answer to the server's idle ping. Receiving any frame already reset the idle clock.</summary>
public sealed class PongHandler : CommandHandler<PongMessage>
{
    protected override void Handle(CommandContext context, PongMessage request)
    {
    }
}
