namespace TuiChat.Server.Chat;

/// <summary>Who is online: logging in and out. Implemented by <see cref="Sessions"/>.</summary>
public interface ISessions
{
    int OnlineCount { get; }

    ChatUser? FindOnline(string name);

    /// <summary>
    /// Logs in the candidate's session: <paramref name="user"/> is the user online under the name (the
    /// candidate, or the account it is one more session of); refused with <paramref name="codeIfOnline"/>
    /// when the name is online as someone else, <c>quota_exceeded</c> past the account's session limit.
    /// </summary>
    Outcome AddUser(ChatUser candidate, string codeIfOnline, out ChatUser? user);

    /// <summary>Joins a freshly logged-in session to its user's rooms and groups (and #general when <paramref name="joinGeneral"/>).</summary>
    void JoinDefaultRooms(ChatUser user, IClientLink session, bool joinGeneral);

    /// <summary>
    /// Ends one session of the user; the last takes it offline and its rooms are told with
    /// <paramref name="reason"/> and what it said (<paramref name="text"/>, a quit's).
    /// </summary>
    void RemoveUser(ChatUser user, IClientLink session, string reason, string? text = null);

    /// <summary>Tells the user's sessions but <paramref name="session"/> what that one did (a <c>read</c>).</summary>
    void TellOtherSessions(ChatUser user, IClientLink session, ChatEvent e);

    /// <summary>The user's sessions now (an admin kick ends them all).</summary>
    IReadOnlyList<IClientLink> SessionsOf(ChatUser user);
}

/// <summary>Rooms and groups: membership, ownership, topics, listings. Implemented by <see cref="Rooms"/>.</summary>
public interface IRooms
{
    Outcome Join(ChatUser user, string roomName, out RoomView? view);

    /// <summary>Leaves a room; <paramref name="text"/> is what the user said as it left (IRC's <c>PART #room :text</c>).</summary>
    Outcome Leave(ChatUser user, string roomName, string? text = null);

    Outcome Create(ChatUser user, string roomName, bool isPrivate, IReadOnlyList<(string Name, string? Account)> invitees, out RoomView? view);

    Outcome Invite(ChatUser user, string roomName, string target, string? account);

    /// <summary>Removes <paramref name="target"/> from a room; <paramref name="text"/> is the reason given (IRC's <c>KICK #room nick :text</c>).</summary>
    Outcome Kick(ChatUser user, string roomName, string target, string? text = null);

    Outcome SetTopic(ChatUser user, string roomName, string topic);

    /// <summary>A room the caller may see (public, or a group it belongs to), or null.</summary>
    RoomView? View(ChatUser user, string roomName);

    IReadOnlyList<RoomSummary> ListRooms(ChatUser user);

    Outcome ListUsers(ChatUser user, string? roomName, out IReadOnlyList<MemberInfo> users);

    /// <summary>The rooms <paramref name="user"/> is in that <paramref name="viewer"/> may see (WHOIS).</summary>
    IReadOnlyList<string> RoomsOf(ChatUser viewer, ChatUser user);

    /// <summary>The room's history key as it is now when <paramref name="user"/> is a member (and so may read it); null otherwise.</summary>
    string? ReadableConversation(ChatUser user, string roomName);
}

/// <summary>Chat lines and files: where they go and who gets them. Implemented by <see cref="Messaging"/>.</summary>
public interface IMessaging
{
    Outcome ResolveTarget(ChatUser user, string recipient, string? account, out Target? target);

    /// <summary>Numbers and queues a chat line (a <paramref name="notice"/>: IRC's NOTICE) that <paramref name="user"/> sent from its session <paramref name="origin"/>.</summary>
    Outcome Post(ChatUser user, IClientLink origin, string recipient, string? account, string text, bool notice, out Storage.StoredMessage? stored, out string? offlineRecipient);

    void Deliver(ChatUser user, Target target, ChatEvent e);

    /// <summary>Whether <paramref name="msgId"/> can be the id of a line (not above the highest one handed out, stored or, in a cluster, seen).</summary>
    bool IsLineId(long msgId);

    /// <summary>Numbers a line that is not a chat message (a file offer) in the same sequence as messages, and gives it its time (<see cref="LineClock"/>).</summary>
    (long MsgId, DateTimeOffset Ts) NumberLine();

    /// <summary>Resolves an earlier target again (an upload's): refused unless it still reaches the same identity.</summary>
    Outcome Recheck(ChatUser user, Target target, out Target? current);
}

/// <summary>People and their conversations: away, whois, the conversations a user belongs to. Implemented by <see cref="People"/>.</summary>
public interface IPeople
{
    void SetAway(ChatUser user, string? text);

    string? AwayText(string name);

    OnlineUserInfo? OnlineInfo(string name);

    IReadOnlyList<string> RoomsInCommon(ChatUser viewer, string name);

    IReadOnlyList<MemberConversation> ConversationsOf(ChatUser user, bool withGeneral);
}
