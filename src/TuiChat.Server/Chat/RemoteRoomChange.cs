using TuiChat.Protocol;

namespace TuiChat.Server.Chat;

public enum RemoteChangeKind
{
    Joined,
    Left,
    Topic,
}

/// <summary>A room change another server decided. <see cref="Detail"/>: the leave reason, the new topic, or who invited the user into a group.</summary>
/// <param name="User">Who joined or left, or who set the topic.</param>
/// <param name="Registered">The user who joined or left is an account.</param>
/// <param name="Owner">
/// The group's owner, with a join (a server that has not seen the group begins it with it); with
/// its owner's leave, who the group passes to when that leave ends the membership.
/// </param>
/// <param name="Identity">A guest's identity (<see cref="ChatUser.Identity"/>), with its join or leave.</param>
public sealed record RemoteRoomChange(RemoteChangeKind Kind, string Room, string Conversation, string User, string Detail, bool Registered = false, string? Owner = null,
    string? Identity = null)
{
    /// <summary>What the user said as it left, or the reason it was kicked with (<see cref="MemberLeft.Text"/>).</summary>
    public string? Text { get; init; }

    /// <summary>Who kicked the user (<see cref="MemberLeft.By"/>).</summary>
    public string? By { get; init; }

    /// <summary>The joiner's away text (<see cref="MemberJoined.Away"/>).</summary>
    public string? Away { get; init; }

    /// <summary>Whether <paramref name="user"/> is the one who joined or left: the account, or the guest with this identity.</summary>
    public bool IsAbout(ChatUser user) =>
        user.Key == NameRules.Key(User) && (user.Registered ? Registered : !Registered && Identity == user.Identity);
}
