using TuiChat.Protocol;

namespace TuiChat.Server.Chat;

/// <summary>A logged-in user. <see cref="Rooms"/> and <see cref="Watching"/> are guarded by the ChatState lock.</summary>
public sealed class ChatUser
{
    public ChatUser(string name, string role, bool registered, IClientLink link)
    {
        Name = name;
        Key = NameRules.Key(name);
        Skeleton = NameRules.Skeleton(name);
        Role = role;
        Registered = registered;
        Link = link;
        Identity = registered ? Identities.Account(name) : Identities.NewGuest();
    }

    public string Name { get; }

    /// <summary>The case-insensitive identity.</summary>
    public string Key { get; }

    /// <summary>The look-alike identity (<see cref="NameRules.Skeleton"/>).</summary>
    public string Skeleton { get; }

    public string Role { get; }

    public bool Registered { get; }

    /// <summary>Who this is for history and files: the account, or this guest session alone (<see cref="Identities"/>).</summary>
    public string Identity { get; }

    public IClientLink Link { get; }

    public bool IsAdmin => Role == Protocol.Messages.Roles.Admin;

    internal List<Room> Rooms { get; } = [];

    /// <summary>The away text while the user is away (<c>away</c>); null when present. Guarded by the ChatState lock.</summary>
    internal string? Away { get; set; }

    /// <summary>Keys of the users whose presence this one watches (direct conversations this session); null while none.</summary>
    internal HashSet<string>? Watching { get; set; }
}
