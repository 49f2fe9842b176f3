using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>msg</c>: a chat line to a room or a user. The ChatState numbers and queues it; the reader
/// thread then waits until the store has it durably and only then acknowledges.
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
        Outcome outcome = context.Services.State.Post(context.User, request.To, account, text, out StoredMessage? stored, out string? offline);
        if (!outcome.Ok)
        {
            return CommandResult.Fail(outcome);
        }
        try
        {
            context.Services.Store.AppendMessageAsync(stored!, offline).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Delivered but not durable: the sender must not get an ok it could rely on.
            context.Services.Log.Error(e, "Could not store message {MsgId}", stored!.MsgId);
            return CommandResult.Fail(ErrorCodes.Internal, "the message was delivered but could not be stored");
        }
        return CommandResult.Done(new MsgOk { Re = context.Re, MsgId = stored!.MsgId, Ts = Timestamps.ToWire(stored.Ts) });
    }
}
