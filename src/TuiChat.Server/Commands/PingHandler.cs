using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary><c>ping</c>: answered with <c>pong</c> (and an ok when it carries an id). Allowed before login.</summary>
public sealed class PingHandler : CommandHandler<PingMessage>
{
    private static readonly byte[] PongFrame = MessageCodec.EncodeFrame(new PongMessage());

    protected override CommandResult Handle(CommandContext context, PingMessage request) =>
        CommandResult.Done(new OkReply { Re = context.Re }, () => context.Client.Link.Send(PongFrame));
}
