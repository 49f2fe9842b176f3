using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Accounts;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>msg</c>: a chat line to a room or a user. The ChatState numbers and queues it; the store
/// commit runs while the reader goes on, and the reply buffer sends the <c>ok</c> once the line is
/// durable.
/// </summary>
public sealed class MsgHandler(IMessaging messaging, IPeople people, AccountService accounts, ILineCommit lines) : CommandHandler<MsgRequest>
{
    protected override void Handle(CommandContext context, MsgRequest request)
    {
        if (!NameRules.TryValidateText(request.Text, out string text, out string error))
        {
            context.Reply.Error(ErrorCodes.TextInvalid, error);
            return;
        }
        if (!CommandTargets.TryResolveAccount(accounts, context.Reply, request.To, out string? account))
        {
            return;
        }
        context.Reply.WaitForAckRoom();
        Outcome outcome = messaging.Post(context.User, context.Client.Link, request.To, account, text, notice: false, out StoredMessage? stored, out string? offline);
        if (!outcome.Ok)
        {
            context.Reply.Fail(outcome);
            return;
        }
        string? away = NameRules.IsRoomName(stored!.To) ? null : people.AwayText(stored.To);
        context.Reply.WhenStored(lines.CommitAsync(stored, offline, context.Client.Link), stored, away);
    }
}
