namespace TuiChat.Server.Chat;

/// <summary>A copy of a room's public facts, taken inside the lock, for a join/create/names reply.</summary>
/// <param name="Owner">The group's owner; empty for public rooms.</param>
/// <param name="Operator">
/// The member who may kick and set the topic besides admins (<see cref="Room.MayOperate"/>): a group's
/// owner, or a public room's creator while it is online under the identity that created it; "" when none.
/// </param>
public sealed record RoomView(string Room, string Topic, bool Private, string Owner, IReadOnlyList<string> Members, string Operator);

/// <summary>One room in a room list.</summary>
public sealed record RoomSummary(string Room, int Members, bool Private, string Topic);

/// <summary>One user in a user list: online users, or a room's members; <see cref="Away"/> while away.</summary>
public sealed record MemberInfo(string User, string Role, bool Online, string? Away = null);

/// <summary>An online user as <c>whois</c> shows it.</summary>
public sealed record OnlineUserInfo(string User, string Role, bool Registered, string? Away);

/// <summary>Where a message or file goes, as resolved by the ChatState.</summary>
/// <param name="Name">The room or user name as the server spells it.</param>
/// <param name="Conversation">The history key.</param>
/// <param name="Identity">The room's or the peer's identity: a later room or user with the same name is not this target.</param>
/// <param name="OfflineRecipient">A registered user who is offline and gets it at next login.</param>
public sealed record Target(string Name, string Conversation, string Identity, bool IsRoom, string? OfflineRecipient);
