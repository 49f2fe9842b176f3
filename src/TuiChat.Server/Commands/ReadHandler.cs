using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Accounts;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>read</c>: the caller read a conversation up to a line. The position is the account's (every
/// client of it sees it at its next login, and the account's other sessions now, as a <c>read</c>
/// event) and only moves forward; guests keep none.
/// </summary>
public sealed class ReadHandler(ISessions sessions, IRooms rooms, IMessaging messaging, AccountService accounts, ReadState readState) : CommandHandler<ReadRequest>
{
    protected override void Handle(CommandContext context, ReadRequest request)
    {
        if (request.MsgId < 0 || !messaging.IsLineId(request.MsgId))
        {
            context.Reply.Error(ErrorCodes.BadRequest, $"msgId {request.MsgId} is not a line of this server");
            return;
        }
        string? conversation = HistoryAccess.Conversation(rooms, messaging, accounts, context.User, request.Room, out Outcome refusal);
        if (!refusal.Ok)
        {
            context.Reply.Fail(refusal);
            return;
        }
        if (conversation is null)
        {
            context.Reply.Error(ErrorCodes.NoSuchUser, $"{request.Room} is not online and has no account");
            return;
        }
        long position = readState.MarkReadAsync(context.User, conversation, request.MsgId).GetAwaiter().GetResult();
        context.Reply.Ok(new ReadOk { Re = context.Reply.OkRe, Room = request.Room, ReadMsgId = position });
        if (context.User.Registered && request.MsgId > 0 && position == request.MsgId)
        {
            // Moved (or confirmed) to this line: the other devices drop their unread marks up to it.
            context.Reply.Then(() => sessions.TellOtherSessions(context.User, context.Client.Link, new ReadMoved(request.Room, position)));
        }
    }
}
