using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>
/// Who is in each conversation: the member list of a room or group (from <c>users{room}</c>, the
/// <c>join</c> reply and joined/left events), the other person of a direct conversation, and
/// everyone's presence.
/// </summary>
internal sealed class MemberLists(ChatContext context)
{
    /// <summary>Fetches the members of a room or group, or the presence of a direct conversation's other person.</summary>
    public async Task RefreshAsync(ConversationViewModel conversation)
    {
        bool direct = conversation.Kind == ConversationKind.Direct;
        IReadOnlyList<UserInfo> users = await context.Requests.ListUsersAsync(direct ? null : conversation.Target).ConfigureAwait(false);
        foreach (UserInfo user in users)
        {
            context.Users.Remember(user.User, user.Role);
        }
        if (direct)
        {
            UserInfo? other = users.FirstOrDefault(u => TuiChat.Protocol.NameRules.Key(u.User) == TuiChat.Protocol.NameRules.Key(conversation.Target));
            context.Post(() => Replace(conversation,
                [new MemberViewModel(other?.User ?? conversation.Target, other?.Role ?? context.Users.RoleOf(conversation.Target), other?.Online == true, isSelf: false)
                    { Away = other?.Away }]));
            return;
        }
        context.Post(() => Replace(conversation, users.Select(u => new MemberViewModel(u.User, u.Role, u.Online, context.IsSelf(u.User)) { Away = u.Away })));
    }

    /// <summary>The members a <c>join</c>/<c>create</c> reply lists, all online (UI thread).</summary>
    public void SetFromReply(ConversationViewModel room, IEnumerable<string> members)
    {
        foreach (string member in members)
        {
            context.Users.Remember(member);
        }
        Replace(room, members.Select(m => new MemberViewModel(m, context.Users.RoleOf(m), online: true, context.IsSelf(m))));
    }

    /// <summary>Someone else joined: listed in name order; false when listed already (UI thread).</summary>
    public bool Add(ConversationViewModel room, string user)
    {
        if (room.FindMember(user) is not null)
        {
            return false;
        }
        var member = new MemberViewModel(user, context.Users.RoleOf(user), online: true, isSelf: false);
        int at = 0;
        while (at < room.Members.Count && StringComparer.OrdinalIgnoreCase.Compare(room.Members[at].Name, user) < 0)
        {
            at++;
        }
        room.Members.Insert(at, member);
        return true;
    }

    /// <summary>
    /// Someone left: group members stay listed while offline (they are still members); rooms list
    /// only who is in them (UI thread).
    /// </summary>
    public static void Remove(ConversationViewModel room, string user, string reason)
    {
        if (room.FindMember(user) is not { } member)
        {
            return;
        }
        if (room.Kind == ConversationKind.Group && IsLogout(reason))
        {
            member.Online = false;
        }
        else
        {
            room.Members.Remove(member);
        }
    }

    /// <summary>
    /// Whether a <c>left</c> with <paramref name="reason"/> says the user went offline (their last
    /// session ended), not only that they left that one room.
    /// </summary>
    public static bool IsLogout(string reason) => reason is not (LeftReasons.Leave or LeftReasons.Kick);

    /// <summary>A user came or went: every list that shows them follows (UI thread).</summary>
    public void ApplyPresence(PresenceEvent presence)
    {
        context.Users.Remember(presence.User);
        SetOnline(presence.User, presence.Online);
    }

    /// <summary>
    /// A user is online or not, as a <c>presence</c> event or a room's <c>joined</c> / <c>left</c>
    /// (logout) says: every list that shows them follows, direct conversations too, which hear no
    /// <c>presence</c> unless a direct message went between the two this session (UI thread).
    /// </summary>
    public void SetOnline(string user, bool online)
    {
        foreach (ConversationViewModel conversation in context.Conversations.Items)
        {
            if (conversation.FindMember(user) is { } member)
            {
                member.Online = online;
                // Being away ends with the session.
                member.Away = online ? member.Away : null;
            }
        }
    }

    /// <summary>A user went away or came back: every list that shows them follows (UI thread).</summary>
    public void ApplyAway(AwayEvent away)
    {
        foreach (ConversationViewModel conversation in context.Conversations.Items)
        {
            if (conversation.FindMember(away.User) is { } member)
            {
                member.Away = away.Text;
            }
        }
    }

    private static void Replace(ConversationViewModel conversation, IEnumerable<MemberViewModel> members)
    {
        conversation.Members.Clear();
        foreach (MemberViewModel member in members.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase))
        {
            conversation.Members.Add(member);
        }
    }
}
