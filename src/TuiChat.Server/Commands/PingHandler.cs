using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary><c>ping</c>: answered with <c>pong</c> (after an ok when it carries an id). Allowed before login.</summary>
public sealed class PingHandler : CommandHandler<PingMessage>
{
    private static readonly byte[] PongFrame = MessageCodec.EncodeFrame(new PongMessage());

    protected override void Handle(CommandContext context, PingMessage request)
    {
        context.Reply.Ok();
        context.Reply.Frame(PongFrame);
    }
}
