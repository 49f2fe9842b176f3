using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>msg</c>: a chat line to a room or a user. The ChatState numbers and queues it; the store
/// commit runs while the reader goes on, and <see cref="MessageAcks"/> sends the <c>ok</c> once the
/// line is durable.
/// </summary>
public sealed class MsgHandler : CommandHandler<MsgRequest>
{
    protected override CommandResult Handle(CommandContext context, MsgRequest request)
    {
        if (!NameRules.TryValidateText(request.Text, out string text, out string error))
        {
            return CommandResult.Fail(ErrorCodes.TextInvalid, error);
        }
        if (!CommandTargets.TryResolveAccount(context, request.To, out string? account, out CommandResult refusal))
        {
            return refusal;
        }
        MessageAcks acks = context.Client.MessageAcks ??= new MessageAcks(context.Client.Link, context.Services.Log, context.Services.Options.MaxMessagesInFlight);
        acks.WaitForRoom();
        Outcome outcome = context.Services.State.Post(context.User, request.To, account, text, out StoredMessage? stored, out string? offline);
        if (!outcome.Ok)
        {
            return CommandResult.Fail(outcome);
        }
        acks.Track(context.Services.Store.AppendMessageAsync(stored!, offline), stored!, context.Re.Length > 0 ? context.Re : null);
        return CommandResult.Silent;
    }
}
