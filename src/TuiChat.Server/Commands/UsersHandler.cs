using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>users</c>: everybody online, or the members of a room the caller may see.</summary>
public sealed class UsersHandler(IRooms rooms) : CommandHandler<UsersRequest>
{
    protected override void Handle(CommandContext context, UsersRequest request)
    {
        if (request.Room is not null && !IsValidRoom(context, request.Room))
        {
            return;
        }
        Outcome outcome = rooms.ListUsers(context.User, request.Room, out IReadOnlyList<MemberInfo> users);
        if (!outcome.Ok)
        {
            context.Reply.Fail(outcome);
            return;
        }
        context.Reply.Ok(new UsersOk { Re = context.Reply.OkRe, Users = [.. users.Select(u => new UserInfo { User = u.User, Role = u.Role, Online = u.Online, Away = u.Away })] });
    }
}
