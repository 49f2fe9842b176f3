using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>history</c>: stored lines of a room the caller is a member of, or of the caller's direct
/// conversation with a user (the identity holding that name now: an account, or an online guest's
/// session; a guest who left has no conversation anyone can read); oldest first, at most <c>limit</c> (default 50, at most 200), below <c>before</c>.
/// </summary>
public sealed class HistoryHandler : CommandHandler<HistoryRequest>
{
    protected override CommandResult Handle(CommandContext context, HistoryRequest request)
    {
        string? conversation;
        if (NameRules.IsRoomName(request.To))
        {
            if (!IsValidRoom(request.To, out CommandResult refusal))
            {
                return refusal;
            }
            conversation = context.Services.State.ReadableConversation(context.User, request.To);
            if (conversation is null)
            {
                return CommandResult.Fail(ErrorCodes.NotAMember, $"only members of {request.To} may read its history");
            }
        }
        else if (!CommandTargets.TryResolveAccount(context, request.To, out string? account, out CommandResult refusal))
        {
            return refusal;
        }
        else
        {
            // By identity: the conversation with whoever holds the name now (a guest's ends with its session).
            Outcome outcome = context.Services.State.ResolveTarget(context.User, request.To, account, out Target? peer);
            if (!outcome.Ok)
            {
                return CommandResult.Done(new HistoryOk { Re = context.Re, Messages = [] });
            }
            conversation = peer!.Conversation;
        }

        int limit = Math.Clamp(request.Limit ?? ProtocolLimits.DefaultHistoryLimit, 1, ProtocolLimits.MaxHistoryLimit);
        IReadOnlyList<StoredMessage> stored = context.Services.Store.History(conversation, request.Before, limit);
        var messages = new ChatMessage[stored.Count];
        for (int i = 0; i < stored.Count; i++)
        {
            StoredMessage m = stored[i];
            messages[i] = new ChatMessage { MsgId = m.MsgId, Ts = Timestamps.ToWire(m.Ts), From = m.From, To = m.To, Text = m.Text };
        }
        return CommandResult.Done(new HistoryOk { Re = context.Re, Messages = messages });
    }
}
