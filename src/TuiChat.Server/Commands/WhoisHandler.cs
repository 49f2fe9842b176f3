using TuiChat.Protocol;
using TuiChat.Protocol.Messages;
using TuiChat.Server.Accounts;
using TuiChat.Server.Chat;
using TuiChat.Server.Storage;

namespace TuiChat.Server.Commands;

/// <summary><c>whois</c>: whether a user is online (or when an account was last seen), registered or a guest, away, and the rooms the caller shares with it.</summary>
public sealed class WhoisHandler(IPeople people, AccountService accounts, IChatStore store) : CommandHandler<WhoisRequest>
{
    protected override void Handle(CommandContext context, WhoisRequest request)
    {
        if (!NameRules.TryNormalizeUser(request.User, out string name, out string error))
        {
            context.Reply.Error(ErrorCodes.NameInvalid, error);
            return;
        }
        OnlineUserInfo? online = people.OnlineInfo(name);
        string? account = online is null ? accounts.FindRegisteredName(name) : null;
        if (online is null && account is null)
        {
            context.Reply.Error(ErrorCodes.NoSuchUser, $"{name} is not online and has no account");
            return;
        }
        string user = online?.User ?? account!;
        DateTimeOffset? lastSeen = online is null ? store.LastSeen(user) : null;
        context.Reply.Ok(new WhoisOk
        {
            Re = context.Reply.OkRe,
            User = user,
            Role = online?.Role ?? (NameRules.Key(user) == AccountService.AdminKey ? Roles.Admin : Roles.User),
            Registered = online?.Registered ?? true,
            Online = online is not null,
            LastSeen = lastSeen is { } seen ? Timestamps.ToWire(seen) : null,
            Away = online?.Away,
            Rooms = people.RoomsInCommon(context.User, user),
        });
    }
}
