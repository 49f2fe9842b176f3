using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>users</c>: everybody online, or the members of a room the caller may see.</summary>
public sealed class UsersHandler : CommandHandler<UsersRequest>
{
    protected override CommandResult Handle(CommandContext context, UsersRequest request)
    {
        if (request.Room is not null && !IsValidRoom(request.Room, out CommandResult refusal))
        {
            return refusal;
        }
        Outcome outcome = context.Services.State.ListUsers(context.User, request.Room, out IReadOnlyList<UserInfo> users);
        return outcome.Ok ? CommandResult.Done(new UsersOk { Re = context.Re, Users = users }) : CommandResult.Fail(outcome);
    }
}
