using Serilog;
using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Accounts;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>
/// <c>create</c>: a new room; with <c>private:true</c> (or a <c>+</c> name) a group owned by the
/// caller whose members are the caller and <c>members</c>.
/// </summary>
public sealed class CreateHandler(IRooms rooms, AccountService accounts, ILogger log) : CommandHandler<CreateRequest>
{
    private const int MaxInitialMembers = 100;

    protected override void Handle(CommandContext context, CreateRequest request)
    {
        if (!IsValidRoom(context, request.Room))
        {
            return;
        }
        IReadOnlyList<string> members = request.Members ?? [];
        if (members.Count > MaxInitialMembers)
        {
            context.Reply.Error(ErrorCodes.BadRequest, $"a group starts with at most {MaxInitialMembers} members; invite the rest");
            return;
        }

        var invitees = new List<(string Name, string? Account)>(members.Count);
        foreach (string member in members)
        {
            if (!NameRules.TryNormalizeUser(member, out string name, out _))
            {
                context.Reply.Error(ErrorCodes.NoSuchUser, $"{member} is not a valid user name");
                return;
            }
            if (NameRules.Key(name) != context.User.Key)
            {
                invitees.Add((name, accounts.FindRegisteredName(name)));
            }
        }

        Outcome outcome = rooms.Create(context.User, request.Room, request.Private, invitees, out RoomView? view);
        if (!outcome.Ok)
        {
            context.Reply.Fail(outcome);
            return;
        }
        log.Information("{User} created {Room} (private: {Private})", context.User.Name, view!.Room, view.Private);
        context.Reply.Ok(RoomReplies.From(context.Reply, view));
    }
}
