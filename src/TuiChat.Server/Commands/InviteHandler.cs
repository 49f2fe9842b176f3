using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>invite</c>: the group's owner (or an admin) adds a member, online or a registered account.</summary>
public sealed class InviteHandler : CommandHandler<InviteRequest>
{
    protected override CommandResult Handle(CommandContext context, InviteRequest request)
    {
        if (!IsValidRoom(request.Room, out CommandResult refusal))
        {
            return refusal;
        }
        if (!NameRules.TryNormalizeUser(request.User, out string user, out _))
        {
            return CommandResult.Fail(ErrorCodes.NoSuchUser, $"{request.User} is not a valid user name");
        }
        string? account = context.Services.Accounts.FindRegisteredName(user);
        Outcome outcome = context.Services.State.Invite(context.User, request.Room, user, account);
        if (!outcome.Ok)
        {
            return CommandResult.Fail(outcome);
        }
        context.Services.Log.Information("{User} invited {Target} to {Room}", context.User.Name, user, request.Room);
        return Ok(context);
    }
}
