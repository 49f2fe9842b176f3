using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Accounts;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>invite</c>: the group's owner (or an admin) adds a member, online or a registered account.</summary>
public sealed class InviteHandler(IRooms rooms, AccountService accounts) : CommandHandler<InviteRequest>
{
    protected override void Handle(CommandContext context, InviteRequest request)
    {
        if (!IsValidRoom(context, request.Room))
        {
            return;
        }
        if (!NameRules.TryNormalizeUser(request.User, out string user, out _))
        {
            context.Reply.Error(ErrorCodes.NoSuchUser, $"{request.User} is not a valid user name");
            return;
        }
        Outcome outcome = rooms.Invite(context.User, request.Room, user, accounts.FindRegisteredName(user));
        if (!outcome.Ok)
        {
            context.Reply.Fail(outcome);
            return;
        }
        context.Reply.Ok();
    }
}
