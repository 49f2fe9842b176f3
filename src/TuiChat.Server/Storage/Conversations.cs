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
    public static bool IsDirectOf(string conversation, string identity) =>
        TrySplitDirect(conversation, out ReadOnlySpan<char> a, out ReadOnlySpan<char> b) && (a.SequenceEqual(identity) || b.SequenceEqual(identity));

    /// <summary>True when <paramref name="conversation"/> is a direct conversation of one of <paramref name="identities"/>.</summary>
    public static bool IsDirectOfAny(string conversation, IReadOnlySet<string> identities) =>
        TrySplitDirect(conversation, out ReadOnlySpan<char> a, out ReadOnlySpan<char> b) && (identities.Contains(a.ToString()) || identities.Contains(b.ToString()));

    private static bool TrySplitDirect(string conversation, out ReadOnlySpan<char> a, out ReadOnlySpan<char> b)
    {
        a = b = default;
        if (conversation.Length < 3 || conversation[0] != '@')
        {
            return false;
        }
        int bar = conversation.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0)
        {
            return false;
        }
        a = conversation.AsSpan(1, bar - 1);
        b = conversation.AsSpan(bar + 1);
        return true;
    }

    /// <summary>
    /// The sides of a direct message between two registered accounts and, for each, the other
    /// side's name: what <see cref="IChatStore.DirectConversations"/> lists. Empty for a room's line
    /// and for a conversation with a guest (it ends with the guest's session).
    /// </summary>
    public static IEnumerable<(string Identity, string Peer)> DirectSides(StoredMessage message)
    {
        string conversation = message.Conversation;
        int bar = conversation.IndexOf('|', StringComparison.Ordinal);
        if (conversation.Length < 3 || conversation[0] != '@' || bar < 0)
        {
            yield break;
        }
        string a = conversation[1..bar];
        string b = conversation[(bar + 1)..];
        if (Chat.Identities.IsGuest(a) || Chat.Identities.IsGuest(b))
        {
            yield break;
        }
        string fromKey = NameRules.Key(message.From);
        yield return (a, a == fromKey ? message.To : message.From);
        if (b != a)
        {
            yield return (b, b == fromKey ? message.To : message.From);
        }
    }
}
