using TuiChat.Protocol;

namespace TuiChat.Server.Storage;

/// <summary>
/// History keys. A room or group is keyed by its identity (<c>Chat.Identities</c>; <c>#general</c> and
/// groups from before identities existed by their case-folded name, <see cref="Room"/>); a direct
/// conversation by both users' identities, sorted: <c>@a|b</c>.
/// </summary>
public static class Conversations
{
    public static string Room(string room) => NameRules.Key(room);

    public static string Direct(string identityA, string identityB) =>
        string.CompareOrdinal(identityA, identityB) <= 0 ? $"@{identityA}|{identityB}" : $"@{identityB}|{identityA}";

    /// <summary>True when <paramref name="conversation"/> is a direct conversation of <paramref name="identity"/>.</summary>
    public static bool IsDirectOf(string conversation, string identity)
    {
        if (conversation.Length < 3 || conversation[0] != '@')
        {
            return false;
        }
        int bar = conversation.IndexOf('|', StringComparison.Ordinal);
        return bar > 0
            && (conversation.AsSpan(1, bar - 1).SequenceEqual(identity) || conversation.AsSpan(bar + 1).SequenceEqual(identity));
    }
}
