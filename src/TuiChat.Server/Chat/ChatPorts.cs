namespace TuiChat.Server.Chat;

/// <summary>Who is online: logging in and out. Implemented by <see cref="ChatState"/>.</summary>
public interface ISessions
{
    int OnlineCount { get; }

    ChatUser? FindOnline(string name);

    /// <summary>Puts the user online; refused with <paramref name="codeIfOnline"/> when the name is online already.</summary>
    Outcome AddUser(ChatUser user, string codeIfOnline);

    /// <summary>Joins a freshly logged-in user to its groups (and #general when <paramref name="joinGeneral"/>).</summary>
    void JoinDefaultRooms(ChatUser user, bool joinGeneral);

    /// <summary>Takes the user offline; its rooms are told with <paramref name="reason"/> and what it said (<paramref name="text"/>, a quit's).</summary>
    void RemoveUser(ChatUser user, string reason, string? text = null);
}

/// <summary>Rooms and groups: membership, ownership, topics, listings. Implemented by <see cref="ChatState"/>.</summary>
public interface IRooms
{
    Outcome Join(ChatUser user, string roomName, out RoomView? view);

    Outcome Leave(ChatUser user, string roomName);

    Outcome Create(ChatUser user, string roomName, bool isPrivate, IReadOnlyList<(string Name, string? Account)> invitees, out RoomView? view);

    Outcome Invite(ChatUser user, string roomName, string target, string? account);

    Outcome Kick(ChatUser user, string roomName, string target);

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

/// <summary>Chat lines and files: where they go and who gets them. Implemented by <see cref="ChatState"/>.</summary>
public interface IMessaging
{
    Outcome ResolveTarget(ChatUser user, string recipient, string? account, out Target? target);

    Outcome Post(ChatUser user, string recipient, string? account, string text, out Storage.StoredMessage? stored, out string? offlineRecipient);

    void Deliver(ChatUser user, Target target, ChatEvent e);

    /// <summary>The highest message id handed out so far.</summary>
    long LastMessageId { get; }

    /// <summary>Numbers a line that is not a chat message (a file offer) in the same sequence as messages.</summary>
    long NextMessageId();

    /// <summary>Resolves an earlier target again (an upload's): refused unless it still reaches the same identity.</summary>
    Outcome Recheck(ChatUser user, Target target, out Target? current);
}

/// <summary>People and their conversations: away, whois, the conversations a user belongs to. Implemented by <see cref="ChatState"/>.</summary>
public interface IPeople
{
    void SetAway(ChatUser user, string? text);

    string? AwayText(string name);

    OnlineUserInfo? OnlineInfo(string name);

    IReadOnlyList<string> RoomsInCommon(ChatUser viewer, string name);

    IReadOnlyList<MemberConversation> ConversationsOf(ChatUser user, bool withGeneral);
}
