using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>create</c>: a new room; with <c>private:true</c> (or a <c>+</c> name) a group owned by the
/// caller whose members are the caller and <c>members</c>.
/// </summary>
public sealed class CreateHandler : CommandHandler<CreateRequest>
{
    private const int MaxInitialMembers = 100;

    protected override CommandResult Handle(CommandContext context, CreateRequest request)
    {
        if (!IsValidRoom(request.Room, out CommandResult refusal))
        {
            return refusal;
        }
        IReadOnlyList<string> members = request.Members ?? [];
        if (members.Count > MaxInitialMembers)
        {
            return CommandResult.Fail(ErrorCodes.BadRequest, $"a group starts with at most {MaxInitialMembers} members; invite the rest");
        }

        var invitees = new List<(string Name, string? Account)>(members.Count);
        foreach (string member in members)
        {
            if (!NameRules.TryNormalizeUser(member, out string name, out _))
            {
                return CommandResult.Fail(ErrorCodes.NoSuchUser, $"{member} is not a valid user name");
            }
            if (NameRules.Key(name) != context.User.Key)
            {
                invitees.Add((name, context.Services.Accounts.FindRegisteredName(name)));
            }
        }

        Outcome outcome = context.Services.State.Create(context.User, request.Room, request.Private, invitees, out RoomView? view);
        if (!outcome.Ok)
        {
            return CommandResult.Fail(outcome);
        }
        context.Services.Log.Information("{User} created {Room} (private: {Private})", context.User.Name, view!.Room, view.Private);
        return CommandResult.Done(RoomReplies.From(context, view));
    }
}
