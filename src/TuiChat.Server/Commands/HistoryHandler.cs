using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>history</c>: stored lines of a room the caller is a member of, or of the caller's direct
/// conversation with a user; oldest first, at most <c>limit</c> (default 50, at most 200), below <c>before</c>.
/// </summary>
public sealed class HistoryHandler : CommandHandler<HistoryRequest>
{
    protected override CommandResult Handle(CommandContext context, HistoryRequest request)
    {
        string conversation;
        if (NameRules.IsRoomName(request.To))
        {
            if (!IsValidRoom(request.To, out CommandResult refusal))
            {
                return refusal;
            }
            if (!context.Services.State.IsMember(context.User, request.To))
            {
                return CommandResult.Fail(ErrorCodes.NotAMember, $"only members of {request.To} may read its history");
            }
            conversation = Conversations.Room(request.To);
        }
        else if (NameRules.TryNormalizeUser(request.To, out string peer, out _))
        {
            conversation = Conversations.Direct(context.User.Name, peer);
        }
        else
        {
            return CommandResult.Fail(ErrorCodes.NoSuchUser, $"{request.To} is not a valid user name");
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
