using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Accounts;
using TuiChat.Server.Chat;
using TuiChat.Server.Connections;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>history</c>: stored lines of a room the caller is a member of, or of the caller's direct
/// conversation with a user (the identity holding that name now: an account, or an online guest's
/// session; a guest who left has no conversation anyone can read); oldest first, at most <c>limit</c> (default 50, at most 200), below <c>before</c>.
/// </summary>
public sealed class HistoryHandler(IRooms rooms, IMessaging messaging, AccountService accounts, IChatStore store) : CommandHandler<HistoryRequest>
{
    protected override void Handle(CommandContext context, HistoryRequest request)
    {
        string? conversation = HistoryAccess.Conversation(rooms, messaging, accounts, context.User, request.To, out Outcome refusal);
        if (!refusal.Ok)
        {
            context.Reply.Fail(refusal);
            return;
        }
        int limit = Math.Clamp(request.Limit ?? ProtocolLimits.DefaultHistoryLimit, 1, ProtocolLimits.MaxHistoryLimit);
        IReadOnlyList<StoredMessage> stored = conversation is null ? [] : store.History(conversation, request.Before, limit);
        context.Reply.Ok(new HistoryOk { Re = context.Reply.OkRe, Messages = [.. stored.Select(m => TuiChatEncoder.ToWire(StoredMessages.ToEvent(m)) with { File = ConversationReplies.Offered(store, m) })] });
    }
}
