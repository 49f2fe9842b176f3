using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary><c>offline.ack</c>: the client has received the offline deliveries up to a batch marker; they may be forgotten.</summary>
public sealed class OfflineAckHandler : CommandHandler<OfflineAckRequest>
{
    protected override void Handle(CommandContext context, OfflineAckRequest request)
    {
        context.Client.Offline?.Acknowledge(request.Batch);
        context.Reply.Ok();
    }
}
